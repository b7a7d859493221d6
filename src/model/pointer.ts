/** JSON Pointer (RFC 6901) helpers shared by the readers, the model and the diagnostics. */

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function appendPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${typeof segment === "number" ? segment : escapePointerSegment(segment)}`;
}
