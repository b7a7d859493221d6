// Differential and table tests for the URI / network formats of templates/formats.ts.
import { describe, it } from "vitest";
import fc from "fast-check";
import * as F from "../../templates/formats.js";
import {
  cat,
  chars,
  differential,
  hex,
  mostly,
  mutated,
  often,
  opt,
  pick,
  table,
} from "./differential.js";

const octet = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }).map(String) },
  { weight: 1, arbitrary: pick("00", "01", "001", "010", "256", "") },
);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join("."));

const h16 = fc.oneof(
  { weight: 8, arbitrary: hex(1, 4) },
  { weight: 1, arbitrary: pick("", "12345", "g") },
);
const ipv6 = fc
  .tuple(
    fc.oneof(fc.array(h16, { maxLength: 9 }), fc.array(h16, { minLength: 5, maxLength: 9 })),
    fc.integer({ min: -3, max: 9 }),
    fc.option(ipv4, { freq: 4 }),
  )
  .map(([groups, n, v4]) => {
    const at = n < 0 ? n : n % (groups.length + 1);
    let s =
      at >= 0
        ? `${groups.slice(0, at).join(":")}::${groups.slice(at).join(":")}`
        : groups.join(":");
    if (v4 !== null) {
      s += s === "" || s.endsWith(":") ? v4 : `:${v4}`;
    }
    return s;
  });

const label = fc.oneof(
  { weight: 6, arbitrary: chars(["a", "Z", "0", "9", "-"], 10, 1) },
  { weight: 1, arbitrary: chars(["a", "b"], 64, 60) },
  { weight: 1, arbitrary: pick("", "-a", "a-", "a_b", "xn--p1ai") },
);
const domain = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join("."));
// Names of exactly `n` characters made of 63-character labels, to probe the 253 limit.
const longName = fc
  .tuple(fc.integer({ min: 248, max: 258 }), fc.boolean())
  .map(
    ([n, dot]) =>
      `${`${"a".repeat(63)}.`.repeat(5).slice(0, n).replace(/\.$/, "b")}${dot ? "." : ""}`,
  );

describe("ipv4 and ipv6", () => {
  it("ipv4 table", () =>
    table("ipv4", F.formatIpv4, [
      ["0.0.0.0", true],
      ["255.255.255.255", true],
      ["192.168.1.1", true],
      ["256.1.1.1", false],
      ["01.1.1.1", false],
      ["1.1.1", false],
      ["1.1.1.1.", false],
      ["1.1.1.1\n", false],
    ]));
  it("ipv6 table", () =>
    table("ipv6", F.formatIpv6, [
      ["::", true],
      ["::1", true],
      ["1::", true],
      ["1:2:3:4:5:6:7:8", true],
      ["1:2:3:4:5:6:7::", true],
      ["::2:3:4:5:6:7:8", true],
      ["1::8", true],
      ["FE80::0202:B3FF:FE1E:8329", true],
      ["::ffff:192.0.2.128", true],
      ["1:2:3:4:5:6:1.2.3.4", true],
      ["1::1.2.3.4", true],
      ["1:2:3:4:5:6:7:8:9", false],
      ["1::2::3", false],
      [":::", false],
      ["1:2:3:4:5:6::1.2.3.4", false],
      ["::ffff:192.0.2.256", false],
      ["::ffff:01.0.2.1", false],
      ["12345::", false],
      ["fe80::1%eth0", false],
      ["[::1]", false],
      ["1:2:3:4:5:6:7", false],
      ["g::", false],
    ]));
  differential(
    "ipv4",
    F.formatIpv4,
    mutated(fc.oneof(ipv4, fc.ipV4(), fc.ipV4Extended()), [..."0129."]),
  );
  differential("ipv6", F.formatIpv6, mutated(fc.oneof(ipv6, fc.ipV6()), [..."0fF:."]));
});

describe("hostname and email", () => {
  it("hostname table", () =>
    table("hostname", F.formatHostname, [
      ["example.com", true],
      ["example.com.", true],
      ["a", true],
      ["123", true],
      ["xn--p1ai", true],
      [`${"a".repeat(63)}.com`, true],
      [`${"a".repeat(64)}.com`, false],
      ["-a.com", false],
      ["a-.com", false],
      ["a..com", false],
      [".", false],
      ["", false],
      ["a_b.com", false],
      ["é.com", false],
      [`${"a.".repeat(126)}a`, true],
      [`${"a.".repeat(127)}`, true],
      [`${"a.".repeat(127)}a`, false],
    ]));
  it("email table", () =>
    table("email", F.formatEmail, [
      ["a@b.co", true],
      ["first.last+tag@sub.example.com", true],
      ["!#$%&'*+/=?^_`{|}~-@a.b", true],
      ["a@b", false],
      [".a@b.co", false],
      ["a.@b.co", false],
      ["a..b@b.co", false],
      ["a@-b.co", false],
      ["a@b-.co", false],
      ["a@b--c.co", true],
      ['"a b"@b.co', false],
      ["a@[1.2.3.4]", false],
      ["a@b.co.", false],
      ["a@@b.co", false],
    ]));
  differential(
    "hostname",
    F.formatHostname,
    mutated(fc.oneof(cat(domain, opt(pick("."))), longName, fc.domain()), [..."a-._é"]),
  );
  const local = mostly(["a", "Z", "0", "!", "+", "-", "~", "a.b"], [".", '"', " ", "@"], 4, 1);
  const mailDomain = fc
    .array(mostly(["a", "Z", "0", "a-b"], ["-", "_", "é", "."], 3, 1), {
      minLength: 2,
      maxLength: 4,
    })
    .map((l) => l.join("."));
  differential(
    "email",
    F.formatEmail,
    mutated(fc.oneof(cat(local, pick("@", "@", "@", "", "@@"), mailDomain), fc.emailAddress()), [
      ..."a.@-",
    ]),
  );
});

describe("uri and uri-reference", () => {
  const scheme = fc.oneof(
    { weight: 3, arbitrary: pick("http:", "urn:", "a+b.c-d:", "mailto:", "HTTP:") },
    pick("", "1a:", "-:"),
  );
  const sub = ["a", "Z", "0", ".", "-", "~", "!", "$", "'", "(", "*", ",", ";", "="];
  const odd = ["%20", "%2", "%zz", " ", '"', "\\", "é", "[", "]", "{", "<", "^"];
  const host = fc.oneof(
    chars([...sub, '"', "%41"], 6),
    ipv4,
    cat(pick("["), ipv6, pick("]")),
    cat(pick("[v", "[V", "[v."), hex(0, 2), pick("."), chars([...sub, ":"], 4), pick("]")),
  );
  const authority = cat(
    pick("//", "//", "/"),
    opt(cat(chars([...sub, ":", "%41", '"'], 4), pick("@"))),
    host,
    opt(cat(pick(":"), chars([..."0189"], 4))),
  );
  const path = mostly(["/", "/", ":", "@", ...sub], odd, 6);
  const qf = mostly(["/", "?", ...sub], ["#", ...odd], 5);
  const tail = cat(opt(cat(pick("?"), qf)), opt(cat(pick("#"), qf)));
  const web = fc.webUrl({
    validSchemes: ["http", "urn", "a+b"],
    withQueryParameters: true,
    withFragments: true,
  });
  const shape = fc.oneof(cat(scheme, fc.oneof(cat(authority, path), path), tail), web);
  const alphabet = [":", "/", "?", "#", "%", "@", "[", "]", '"', " ", "a"];
  it("uri table", () =>
    table("uri", F.formatUri, [
      ["http://example.com/a/b?c=d#e", true],
      ["urn:isbn:0451450523", true],
      ["mailto:a@b.c", true],
      ["http://[::1]:8080/", true],
      ["http://[v1.x]/", true],
      ["http://[::1", false],
      ["ftp://01.02.03.004/", true],
      ["a:/[::1]", true],
      ["HTTP://A/%7E", true],
      ["a:", false],
      ["/a/b", false],
      ["//host/a", false],
      ["http://a b", false],
      ["http://a/%zz", false],
      ['http://a/"', false],
      ["1a:b", false],
      ["http://é", false],
    ]));
  it("uri-reference table", () =>
    table("uri-reference", F.formatUriReference, [
      ["", true],
      ["/a/b", true],
      ["//host/a", true],
      ["a/b?c#d", true],
      ["#frag", true],
      ["?q", true],
      ["http://example.com", true],
      ['a"b', true],
      ['http://a/"', true],
      ['http://"@a', true],
      ['http:"@a', true],
      ['"@a:b', true],
      ["a b", false],
      ["%zz", false],
      ["\\a", false],
      ["[::1]", false],
      ["//[::1]", true],
    ]));
  differential("uri", F.formatUri, mutated(shape, alphabet));
  differential("uri-reference", F.formatUriReference, mutated(shape, alphabet));
});

describe("uri-template", () => {
  const varname = chars(["a", "_", "0", "%41", "%g", ".", "-"], 4);
  const modifier = pick("", "", ":1", ":9999", ":10000", ":0", "*", ":", ":01");
  const op = pick("", "", "+", "#", ".", "/", ";", "?", "&", "=", ",", "!", "@", "|", "$");
  const expr = cat(
    pick("{"),
    op,
    varname,
    modifier,
    opt(cat(pick(","), varname, modifier)),
    pick("}", "}", "}", ""),
  );
  const shape = chars(["a", "/", "%20", "%zz", " ", "<", '"', "é", "-", "}", "\\"], 3).chain(
    (lit) => fc.array(fc.oneof(expr, pick(lit)), { maxLength: 3 }).map((p) => p.join("")),
  );
  it("table", () =>
    table("uri-template", F.formatUriTemplate, [
      ["", true],
      ["http://example.com/{id}", true],
      ["{+path}/x{#frag}", true],
      ["{?a,b*,c:3}", true],
      ["{var:9999}", true],
      ["{var:10000}", false],
      ["{var:0}", false],
      ["{a.b}", false],
      ["{}", false],
      ["{a", false],
      ["a}", false],
      ["a b", false],
      ["%2F{%41}", true],
      ["%zz", false],
      ["é{x}", true],
      ["{$x}", false],
      ["{=x}", true],
    ]));
  differential("uri-template", F.formatUriTemplate, mutated(shape, [..."{}:*,a%"]));
});

describe("url", () => {
  const first = pick("10", "127", "169", "172", "192", "1", "223", "224", "0", "8");
  const publicish = fc
    .tuple(
      first,
      fc.oneof(pick("254", "168", "16", "31", "32"), octet),
      octet,
      fc.oneof(octet, pick("254", "255", "0")),
    )
    .map((p) => p.join("."));
  const uLabel = often(
    chars(["a", "Z", "0", "a-b", "é", "ſ", "\u212a", "\uffff"], 5, 1),
    mostly(["a", "é"], ["-", "😀", "_"], 5, 1),
  );
  const tld = often(chars(["a", "Z", "é", "ſ"], 3, 2), mostly(["a", "é"], ["0", "😀", "-"], 3, 1));
  const name = cat(
    fc.array(uLabel, { minLength: 1, maxLength: 3 }).map((l) => l.map((x) => `${x}.`).join("")),
    tld,
  );
  const shape = cat(
    often(
      pick("http://", "https://", "ftp://", "HTTP://", "httpſ://"),
      pick("mailto://", "http:/", "file://"),
    ),
    often(pick(""), cat(mostly(["u", ":", "@", "p"], [" ", "\n"], 4), pick("@"))),
    often(fc.oneof(publicish, name), pick("localhost", "例子.测试", "a.b-.com")),
    often(pick(""), cat(pick(":"), fc.integer({ min: 0, max: 999999 }).map(String))),
    often(opt(cat(pick("/"), mostly(["a", "/", "?", "é", "😀"], [" ", "\t"], 4))), pick("?", "#a")),
  );
  it("table", () =>
    table("url", F.formatUrl, [
      ["http://example.com", true],
      ["https://user:pw@example.com:8080/p?q#f", true],
      ["ftp://8.8.8.8/", true],
      ["http://10.0.0.1", false],
      ["http://127.0.0.1", false],
      ["http://192.168.0.1", false],
      ["http://172.16.0.1", false],
      ["http://172.32.0.1", true],
      ["http://169.254.1.1", false],
      ["http://224.0.0.1", false],
      ["http://1.1.1.255", false],
      ["http://localhost", false],
      ["http://例子.测试", true],
      ["httpſ://example.com", true],
      ["mailto://a.com", false],
      ["http://a.com:1", false],
      ["http://a.com:123456", false],
      ["http://a.com/ b", false],
      ["http://a.c", false],
      ["http://a-.com", false],
      ["http://a--b.com", false],
      ["http://😀.com", false],
    ]));
  const web = fc.webUrl({
    validSchemes: ["http", "https", "ftp"],
    withQueryParameters: true,
    withFragments: true,
  });
  differential("url", F.formatUrl, mutated(fc.oneof(shape, web), [..."a.:/-@ "]));
});
