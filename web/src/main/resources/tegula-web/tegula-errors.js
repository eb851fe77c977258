// The one error type of tegula.js.

/**
 * An Error whose `code` tells what went wrong: 'malformed', 'truncated', 'unsupported', 'limit'
 * (the input), 'aborted' (the caller's AbortSignal, or terminate()), 'integrity' (a codec module
 * whose SHA-256 does not match its manifest), 'mismatch' (compare: sizes differ), 'argument'
 * (options the codec refuses) or 'internal' (a bug).
 */
export class TegulaError extends Error {
  constructor(code, message, offset = -1) {
    super(message);
    this.name = 'TegulaError';
    this.code = code;
    this.offset = offset;
  }
}
