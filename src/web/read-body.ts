import type { Readable } from 'node:stream';

const EMPTY = Buffer.alloc(0);

/** The body, or `undefined` when it was larger than the limit. */
export type BodyRead = Buffer | undefined;

/**
 * Read a request body of at most `limit` bytes. Past the limit, reading stops and the stream is paused (not
 * destroyed, which would drop the connection before the 413 can be sent); the caller answers with
 * `Connection: close` so the rest is never read. Rejects when the client goes away mid-body.
 */
export function readBody(stream: Readable, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
      stream.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        stream.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onAborted = () => onError(new Error('the client closed the connection before sending the whole body'));
    // Closed without 'end' or 'error' (a destroyed socket): settle rather than wait forever.
    const onClose = () => onAborted();
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
    stream.on('close', onClose);
  });
}
