// Building the page from elements and text nodes only: data never goes through innerHTML.

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...nodes(children));
  return element;
}

export function nodes(children: Child[]): (Node | string)[] {
  return children.flatMap((child) =>
    child === null || child === undefined || child === false ? [] : [typeof child === 'number' ? String(child) : child],
  );
}

/** Replaces everything inside `parent`. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...nodes(children));
}

export function on<E extends Element>(element: E, event: string, handler: (event: Event) => void): E {
  element.addEventListener(event, handler);
  return element;
}
