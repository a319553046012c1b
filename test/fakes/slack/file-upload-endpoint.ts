import type { IncomingMessage, ServerResponse } from 'node:http';
import { multipart } from './web-api.ts';
import type { Workspace } from './workspace.ts';

/**
 * The upload URL files.getUploadURLExternal hands out: it takes the file's bytes (raw, or as the single file
 * part of a multipart form, which is how the SDK sends them) once, before files.completeUploadExternal.
 */
export async function receiveUpload(workspace: Workspace, req: IncomingMessage, res: ServerResponse, fileId: string, body: Buffer, changed: () => void): Promise<void> {
  const file = workspace.files.get(fileId);
  if (!file || file.completed) {
    res.writeHead(404).end();
    return;
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  let content = body;
  if (type.startsWith('multipart/form-data')) {
    const parts = [...(await multipart(req, body)).values()].filter((v): v is Buffer => Buffer.isBuffer(v));
    if (parts.length !== 1) {
      res.writeHead(400).end('expected one file part');
      return;
    }
    content = parts[0]!;
  }
  file.content = content;
  changed();
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${content.length}`);
}
