/**
 * What a failed file-system call means, in words for the person who named the file, never Node's raw text
 * ("ENOENT: no such file or directory, open '/x'"): diagnostics and messages name the path themselves.
 */

/** The errors a user can cause and mend: a path that is not there, a file where a folder should be, rights. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "a file is in the way",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many symbolic links in the path",
  EMFILE: "too many files open",
  ENFILE: "too many files open",
};

/** Why a file-system call failed, in a few words; other errors keep their own first line. */
export function fileErrorReason(error: unknown): string {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const known = code === undefined ? undefined : REASONS[code];
  if (known !== undefined) {
    return known;
  }
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  // Node's system errors read "CODE: description, syscall 'path'"; the caller names the path.
  const description = syscall === undefined ? undefined : /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1];
  return description === undefined ? message : `${description} (${code ?? syscall})`;
}
