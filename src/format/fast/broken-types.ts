/**
 * prettier's layouts for a type alias that does not fit on one line, for the types structgen emits: a union on
 * the next line or one member per line (`| {` objects broken inside, aligned two columns in), an object type hugged
 * after `=` (alone, with `| null`, or followed by `& (...)`), and object types broken one member per line, nested
 * objects broken again, and tuple types broken one element per line. Anything else returns undefined or throws
 * Unsupported, and the statement stays prettier's.
 */
import { ts } from "../../emit/ts-morph.js";
import { memberText, typeText } from "./one-line-type.js";
import { unsupported } from "./tokens.js";
import { fitsWithin, type FastStyle } from "./style.js";

export class TypeLayouts {
  constructor(private readonly style: FastStyle) {}

  private pad(columns: number): string {
    return " ".repeat(columns);
  }

  private fits(line: string): boolean {
    return fitsWithin(line, this.style.printWidth);
  }

  /** `<head> <type>;` over several lines (`head` ends with `=`), at `indent` columns. */
  alias(type: ts.TypeNode, indent: number, head: string): string[] | undefined {
    const tab = this.style.tabWidth;
    const inner = unwrapType(type);
    if (ts.isTypeLiteralNode(inner)) {
      return this.object(inner, indent, `${this.pad(indent)}${head} `, ";");
    }
    if (ts.isIntersectionTypeNode(inner)) {
      return this.intersection(inner, indent, head);
    }
    if (ts.isTupleTypeNode(inner)) {
      return this.tuple(inner, indent, `${this.pad(indent)}${head} `, ";");
    }
    if (!ts.isUnionTypeNode(inner)) {
      return undefined;
    }
    if (huggable(inner)) {
      const [object] = inner.types.filter(ts.isTypeLiteralNode);
      const rest = inner.types.filter((t) => !ts.isTypeLiteralNode(t)).map(typeText);
      const suffix = `${inner.types[0] === object ? "" : unsupported("null first")} | ${rest.join(" | ")};`;
      return this.object(object!, indent, `${this.pad(indent)}${head} `, suffix);
    }
    const texts = inner.types.map(unionMember);
    // First the whole union on the next line; when even that is too long, one member per line.
    const oneLine = `${this.pad(indent + tab)}${texts.join(" | ")};`;
    if (this.fits(oneLine)) {
      return [`${this.pad(indent)}${head}`, oneLine];
    }
    const members = inner.types.flatMap((member, i) => {
      const end = i === texts.length - 1 ? ";" : "";
      const line = `${this.pad(indent + tab)}| ${texts[i]!}${end}`;
      const object = unwrapType(member);
      const prefix = `${this.pad(indent + tab)}| `;
      if (!this.fits(line) && ts.isTupleTypeNode(object)) {
        return this.tuple(object, indent + tab + 2, prefix, end);
      }
      return this.fits(line) || !ts.isTypeLiteralNode(object)
        ? [line]
        : this.object(object, indent + tab + 2, prefix, end);
    });
    return [`${this.pad(indent)}${head}`, ...members];
  }

  /** `{ ... } & (...)` after `head`, ending with `;`. */
  private intersection(
    type: ts.IntersectionTypeNode,
    indent: number,
    head: string,
  ): string[] | undefined {
    return this.intersectionLines(type, indent, `${this.pad(indent)}${head} `, ";");
  }

  /**
   * An intersection of an object type and what follows it (a parenthesized union, names) after `prefix` (a
   * whole line start): the object flat when it fits with ` & (`, else broken; a union in parentheses on the
   * same line when it fits, else alone on the next line, one tab in.
   */
  intersectionLines(
    type: ts.IntersectionTypeNode,
    indent: number,
    prefix: string,
    suffix: string,
  ): string[] | undefined {
    const [first, ...rest] = type.types.map(unwrapType);
    // Object to non-object: inlined after ` & `; two objects in a row would be laid out otherwise.
    if (
      first === undefined ||
      !ts.isTypeLiteralNode(first) ||
      rest.some((t) => ts.isTypeLiteralNode(t) || ts.isIntersectionTypeNode(t))
    ) {
      return undefined;
    }
    const last = rest.at(-1);
    const union = last !== undefined && ts.isUnionTypeNode(last) ? last : undefined;
    const middle = (union === undefined ? rest : rest.slice(0, -1))
      .map((t) => ` & ${intersectionMember(t)}`)
      .join("");
    if (union === undefined) {
      return this.object(first, indent, prefix, `${middle}${suffix}`);
    }
    const unionText = union.types.map(unionMember).join(" | ");
    const open = `${typeText(first)}${middle} & (`;
    const lines = this.fits(`${prefix}${open}`)
      ? [`${prefix}${open}`]
      : this.object(first, indent, prefix, `${middle} & (`);
    const closing = `${lines.pop()!}`;
    const together = `${closing}${unionText})${suffix}`;
    if (lines.length > 0 && this.fits(together)) {
      return [...lines, together];
    }
    return [
      ...lines,
      closing,
      `${this.pad(indent + this.style.tabWidth)}${unionText}`,
      `${this.pad(indent)})${suffix}`,
    ];
  }

  /**
   * An object type after `prefix` (a whole line start), flat if it fits with `suffix`, else `{`, one member per
   * line at `indent` plus a tab, and `}` at `indent` followed by `suffix`.
   */
  object(node: ts.TypeLiteralNode, indent: number, prefix: string, suffix: string): string[] {
    const flat = this.flat(node, prefix, suffix, node.members.length);
    if (flat !== undefined) {
      return flat;
    }
    const memberIndent = indent + this.style.tabWidth;
    const members = node.members.flatMap((member) => this.member(member, memberIndent));
    return [`${prefix}{`, ...members, `${this.pad(indent)}}${suffix}`];
  }

  /**
   * A tuple type after `prefix` (a whole line start): flat if it fits with `suffix`, else `[`, one element per line
   * a tab in (an object type broken again), and `]` at `indent` followed by `suffix`.
   */
  tuple(node: ts.TupleTypeNode, indent: number, prefix: string, suffix: string): string[] {
    const flat = this.flat(node, prefix, suffix, node.elements.length);
    if (flat !== undefined) {
      return flat;
    }
    const at = indent + this.style.tabWidth;
    const last = this.style.trailingComma === "none" ? "" : ",";
    const elements = node.elements.flatMap((element, i) => {
      const end = i === node.elements.length - 1 ? last : ",";
      const line = `${this.pad(at)}${typeText(element)}${end}`;
      const inner = unwrapType(element);
      if (this.fits(line)) {
        return [line];
      }
      return ts.isTypeLiteralNode(inner)
        ? this.object(inner, at, this.pad(at), end)
        : unsupported("tuple element too long");
    });
    return [`${prefix}[`, ...elements, `${this.pad(indent)}]${suffix}`];
  }

  /**
   * An object or tuple type on one line after `prefix` and before `suffix` when it fits; undefined when it must
   * break (and can: `parts`, its members or elements, are not none).
   */
  private flat(node: ts.TypeNode, prefix: string, suffix: string, parts: number) {
    const line = `${prefix}${typeText(node)}${suffix}`;
    if (this.fits(line)) {
      return [line];
    }
    return parts === 0 ? unsupported("empty type that does not fit") : undefined;
  }

  /** One member with its `;`, its object or tuple type broken when the member does not fit. */
  private member(member: ts.TypeElement, indent: number): string[] {
    const line = `${this.pad(indent)}${memberText(member)};`;
    const type = ts.isPropertySignature(member) ? member.type : undefined;
    const inner = type === undefined ? undefined : unwrapType(type);
    if (
      this.fits(line) ||
      type === undefined ||
      inner === undefined ||
      !(ts.isTypeLiteralNode(inner) || ts.isTupleTypeNode(inner))
    ) {
      return [line];
    }
    const text = memberText(member);
    const key = `${this.pad(indent)}${text.slice(0, text.length - typeText(type).length)}`;
    return ts.isTupleTypeNode(inner)
      ? this.tuple(inner, indent, key, ";")
      : this.object(inner, indent, key, ";");
  }
}

export function unwrapType(node: ts.TypeNode): ts.TypeNode {
  let inner = node;
  while (ts.isParenthesizedTypeNode(inner)) {
    inner = inner.type;
  }
  return inner;
}

/** prettier's shouldHugType for a union: one object type, every other member `null` or `void`. */
function huggable(union: ts.UnionTypeNode): boolean {
  const nullish = (t: ts.TypeNode) =>
    t.kind === ts.SyntaxKind.VoidKeyword ||
    (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
  return (
    union.types.filter((t) => ts.isTypeLiteralNode(t)).length === 1 &&
    union.types.every((t) => ts.isTypeLiteralNode(t) || nullish(t))
  );
}

/** A union member on one line; a union or intersection inside is left to prettier. */
function unionMember(node: ts.TypeNode): string {
  const inner = unwrapType(node);
  if (
    ts.isUnionTypeNode(inner) ||
    ts.isIntersectionTypeNode(inner) ||
    ts.isFunctionTypeNode(inner)
  ) {
    return unsupported("nested union member");
  }
  return typeText(inner);
}

/** An intersection member after ` & `: a union parenthesized. */
function intersectionMember(node: ts.TypeNode): string {
  if (ts.isUnionTypeNode(node)) {
    return `(${node.types.map(unionMember).join(" | ")})`;
  }
  if (ts.isFunctionTypeNode(node)) {
    return unsupported("function in intersection");
  }
  return typeText(node);
}
