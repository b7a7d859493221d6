/**
 * The meta-schema URIs of JSON Structure Core and its companions (core, extended, validation), in the spellings
 * the samples use (json-structure.org or json-structure.github.io, with or without the trailing "#"). Shared by
 * detection (a Core claim) and the Core reader (which companion a document enables).
 */
export const CORE_META =
  /^https:\/\/json-structure\.(?:org|github\.io)\/meta\/(core|extended|validation)\/v0\/?#?$/;
