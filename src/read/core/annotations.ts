/**
 * The documentation a Core schema carries (Core §Documentation Keywords, Val §Annotations): description,
 * examples, default, deprecated, the documented format of its type, and the annotation keywords kept as JSDoc tags.
 */
import type { Annotations } from "../../model/model.js";
import { appendPointer } from "../../model/pointer.js";
import { isObject, type JsonValue, own } from "../source.js";
import type { Ctx } from "./context.js";
import { documentedFormat } from "./primitives.js";

/** Documentation keywords (Core §Documentation Keywords, Val §`default`, alternate names, units). */
export function annotationsOf(
  schema: JsonValue | undefined,
  pointer: string,
  ctx: Ctx,
): Annotations {
  if (!isObject(schema)) {
    return {};
  }
  const description = own(schema, "description");
  const examples = own(schema, "examples");
  const typeName = own(schema, "type");
  const format = typeof typeName === "string" ? documentedFormat(typeName) : undefined;
  if (examples !== undefined && !Array.isArray(examples)) {
    ctx.source.sink.warning(
      "SG_WRONG_SHAPE",
      appendPointer(pointer, "examples"),
      "examples must be an array; ignored",
    );
  }
  const tags = [
    "precision",
    "scale",
    "unit",
    "currency",
    "symbol",
    "contentMediaType",
    "contentCompression",
  ].flatMap((tag) => {
    const raw = own(schema, tag);
    return typeof raw === "string" || typeof raw === "number" ? [{ tag, text: String(raw) }] : [];
  });
  return {
    ...(typeof description === "string" && description.trim() !== "" ? { description } : {}),
    ...(own(schema, "deprecated") === true ? { deprecated: true } : {}),
    ...(Array.isArray(examples) ? { examples } : {}),
    ...(own(schema, "default") === undefined ? {} : { default: own(schema, "default") }),
    ...(format === undefined ? {} : { format }),
    ...(tags.length === 0 ? {} : { tags }),
  };
}
