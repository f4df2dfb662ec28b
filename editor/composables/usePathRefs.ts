/**
 * Refs of the values at paths of a document that is replaced, never changed in place (an edit
 * copies only the objects on its path: `setIn`). Each ref is set only when its own value
 * changes, and a part of the new document that is the same object as before is not walked, so
 * an edit costs the length of its path, not the number of refs.
 */
import { shallowRef, type ShallowRef } from 'vue';
import { getIn, type JsonPath } from '../model/paths.js';

interface PathNode {
  children: Map<string | number, PathNode>;
  ref: ShallowRef<unknown> | null;
  /** The value here in the document last seen. */
  value: unknown;
}

export interface PathRefs {
  /** The ref of the value at `path` (made on first asking). */
  at(path: JsonPath): Readonly<ShallowRef<unknown>>;
  /** The document is now `document`: sets the refs whose values changed. */
  update(document: unknown): void;
}

export function pathRefs(document: unknown = undefined): PathRefs {
  const root: PathNode = { children: new Map(), ref: null, value: document };

  function at(path: JsonPath): Readonly<ShallowRef<unknown>> {
    let node = root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map(), ref: null, value: getIn(node.value, [key]) }));
      node = child;
    }
    return (node.ref ??= shallowRef(node.value));
  }

  function visit(node: PathNode, value: unknown): void {
    if (Object.is(node.value, value)) return;
    node.value = value;
    if (node.ref) node.ref.value = value;
    for (const [key, child] of node.children) visit(child, getIn(value, [key]));
  }

  return { at, update: (next) => visit(root, next) };
}
