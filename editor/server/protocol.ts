/**
 * The file API between the editor and its local server: request paths, headers and the
 * JSON bodies of answers. Types only, so the browser bundle can share them with the server.
 */

/** A ruleset file at the top of the rulesets folder, as the open dialog lists it. */
export interface RulesetSummary {
  /** Path relative to the rulesets folder (`enterprise.json`). */
  path: string;
  id?: string;
  title?: string;
  version?: string;
  status?: string;
  /** Why the file could not be read as JSON, when it could not. */
  error?: string;
}

/** A file as read: its text and the hash a later write must name (`If-Match`). */
export interface StoredFile {
  path: string;
  hash: string;
  text: string;
}

/** The sample cases that belong to a ruleset. */
export interface CaseFolder {
  /** Folder relative to the rulesets folder (`cases/enterprise`). */
  dir: string;
  files: StoredFile[];
}

/** The answer to a successful write or removal. */
export interface WriteOutcome {
  path: string;
  /** The hash of the file now on disk; `null` after a removal. */
  hash: string | null;
  /** Where the previous version was kept, relative to the rulesets folder (`.history/…`). */
  history: string | null;
}

export type FileErrorCode =
  | 'FORBIDDEN'
  | 'PATH_REJECTED'
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'JSON_INVALID'
  | 'RULESET_INVALID'
  | 'CASE_INVALID'
  | 'CONFLICT'
  | 'METHOD_NOT_ALLOWED'
  /** The body, or a file on disk, is not UTF-8 text. */
  | 'NOT_UTF8'
  /** Another editor server holds the file's lock. */
  | 'BUSY'
  /** `.history` is a link or not a folder: the previous version cannot be kept safely. */
  | 'HISTORY_UNSAFE'
  // What the operating system refused, each explained in the officer's language.
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'NAME_TOO_LONG'
  | 'NO_PERMISSION'
  | 'STORAGE'
  | 'INTERNAL';

/** The codes whose message the server writes in the request's language (`Accept-Language`: zh… or en…, else zh-CN). */
export const LOCALIZED_CODES = ['NOT_UTF8', 'BUSY', 'HISTORY_UNSAFE', 'DISK_FULL', 'READ_ONLY', 'NAME_TOO_LONG', 'NO_PERMISSION', 'STORAGE', 'INTERNAL'] as const;

/** The body of every refusal. `problems` carry the engine's findings for invalid files. */
export interface FileErrorBody {
  error: {
    code: FileErrorCode;
    message: string;
    problems?: { path: string; message: string; fix?: string }[];
    /** For `CONFLICT`: the hash of the file now on disk (`null`: it was removed). */
    currentHash?: string | null;
  };
}

/** Every route starts with this prefix. */
export const API_PREFIX = '/api/';

/** Writes must carry this header: a page of another origin cannot send it without a preflight we never grant. */
export const WRITE_HEADER = 'x-credit-rules-editor';

/** The largest body a write accepts. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
