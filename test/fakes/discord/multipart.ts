/** One part of a multipart/form-data body. */
export interface FormPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/**
 * Parse a multipart/form-data body (RFC 7578), as Discord reads message uploads: a `payload_json` part and
 * `files[n]` parts. Throws on a body that does not follow the boundary it declares.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]!.trim()}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error('multipart body without its boundary');
  for (let guard = 0; guard < 1000; guard++) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    if (body.subarray(start, start + 2).toString() !== '\r\n') throw new Error('malformed multipart boundary line');
    start += 2;
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw new Error('multipart body not closed');
    const part = body.subarray(start, end - 2); // the CRLF before the next delimiter belongs to it
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new Error('multipart part without headers');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
    if (!disposition) throw new Error('multipart part without Content-Disposition: form-data');
    const name = /\bname="([^"]*)"/i.exec(disposition[1]!)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition[1]!)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      data: Buffer.from(part.subarray(split + 4)),
    });
    start = end;
  }
  throw new Error('too many multipart parts');
}
