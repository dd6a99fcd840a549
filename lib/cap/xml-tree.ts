import { Parser } from "htmlparser2";

// A small, bounded XML reader for CAP documents and Atom indexes: htmlparser2 (already
// Crier's HTML tokenizer, linear, no entity expansion beyond the predefined ones, no
// DTDs, no network) in XML mode, plus what it does not check: one root, every element
// closed by its own end tag, and namespaces resolved from xmlns declarations.

export interface XmlElement {
  /** Namespace URI ("" when none). */
  namespace: string;
  /** Local name, without a prefix. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (its text children joined), untrimmed. */
  text: string;
}

/** The document is not well-formed XML, or is larger or deeper than Crier reads. */
export class XmlShapeError extends Error {
  override name = "XmlShapeError";
}

export const XML_LIMITS = { maxElements: 20_000, maxDepth: 32, maxTextLength: 200_000 };

interface Open {
  element: XmlElement;
  qualifiedName: string;
  prefixes: Map<string, string>;
}

/** Parses a whole document into its root element; throws XmlShapeError when it is not well-formed or too big. */
export function parseXmlTree(source: string, limits = XML_LIMITS): XmlElement {
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let problem: string | null = null;
  let isEnding = false;
  const fail = (reason: string) => {
    problem ??= reason;
  };
  const parser = new Parser(
    {
      onopentag(qualifiedName, attributes) {
        if (problem) return;
        if (++elements > limits.maxElements) return fail(`more than ${limits.maxElements} elements`);
        if (stack.length >= limits.maxDepth) return fail(`nested deeper than ${limits.maxDepth}`);
        if (stack.length === 0 && root) return fail("more than one root element");
        const prefixes = new Map(stack.at(-1)?.prefixes ?? []);
        for (const [key, value] of Object.entries(attributes)) {
          if (key === "xmlns") prefixes.set("", value);
          else if (key.startsWith("xmlns:")) prefixes.set(key.slice(6), value);
        }
        const [prefix, name] = qualifiedName.includes(":") ? qualifiedName.split(":", 2) as [string, string] : ["", qualifiedName];
        const namespace = prefixes.get(prefix);
        if (namespace === undefined && prefix !== "") return fail(`the prefix "${prefix}" is not declared`);
        const element: XmlElement = { namespace: namespace ?? "", name, attributes, children: [], text: "" };
        const parent = stack.at(-1);
        if (parent) parent.element.children.push(element);
        else root = element;
        stack.push({ element, qualifiedName, prefixes });
      },
      ontext(text) {
        if (problem) return;
        const open = stack.at(-1);
        if (!open) {
          if (text.trim() !== "") fail("text outside the root element");
          return;
        }
        if (open.element.text.length + text.length > limits.maxTextLength) return fail(`an element's text is longer than ${limits.maxTextLength} characters`);
        open.element.text += text;
      },
      onclosetag(qualifiedName, isImplied) {
        if (problem) return;
        const open = stack.pop();
        // htmlparser2 closes what is still open at the end, and what an outer end tag skips, as "implied";
        // a self-closing tag is implied too, but ends in "/>".
        if (isEnding) fail(`<${qualifiedName}> is never closed`);
        else if ((isImplied && source[parser.endIndex - 1] !== "/") || !open || open.qualifiedName !== qualifiedName) fail(`<${open?.qualifiedName ?? qualifiedName}> is not closed by its own end tag`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(source);
  isEnding = true;
  parser.end();
  if (!problem && !root) fail("there is no root element");
  if (problem) throw new XmlShapeError(`Not well-formed XML: ${problem}.`);
  return root!;
}

/** The first child with this local name in this namespace. */
export function childOf(element: XmlElement, name: string, namespace = element.namespace): XmlElement | undefined {
  return element.children.find((child) => child.name === name && child.namespace === namespace);
}

/** Every child with this local name in this namespace. */
export function childrenOf(element: XmlElement, name: string, namespace = element.namespace): XmlElement[] {
  return element.children.filter((child) => child.name === name && child.namespace === namespace);
}

/** The trimmed text of the first such child, or null. */
export function textOf(element: XmlElement, name: string, namespace = element.namespace): string | null {
  const text = childOf(element, name, namespace)?.text.trim();
  return text ? text : null;
}
