// Compiles a JSON Schema into a function that only says yes or no: the fast path for the
// records that are valid (nearly all of them). It keeps Ajv's semantics for the keywords the
// record schema uses and refuses, at build time, any keyword it does not know, so a schema
// change cannot silently escape it. A `false` sends the record to Ajv's validator for the
// problems; test/fuzz.test.ts checks both agree on valid and broken records.

/** Keywords that describe and do not constrain. */
const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description', '$comment', 'examples', 'default']);

/** Ajv's type tests (`number` is finite; `integer` is a whole finite number). */
const TYPES = {
  object: (d) => `(${d} !== null && typeof ${d} === "object" && !Array.isArray(${d}))`,
  array: (d) => `Array.isArray(${d})`,
  string: (d) => `typeof ${d} === "string"`,
  number: (d) => `(typeof ${d} === "number" && isFinite(${d}))`,
  integer: (d) => `(typeof ${d} === "number" && !(${d} % 1) && isFinite(${d}))`,
  boolean: (d) => `typeof ${d} === "boolean"`,
  null: (d) => `${d} === null`,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const member = (d, key) => (IDENTIFIER.test(key) ? `${d}.${key}` : `${d}[${JSON.stringify(key)}]`);

/**
 * The module source: `export function <name>(data)` for the root schema, with one function
 * per sub-schema. `formats.date` and `ucs2length` must be in scope where it is pasted.
 */
export function acceptSource(schema, name) {
  const functions = [];
  const patterns = [];
  const refs = new Map();

  /** The function of a `$defs` entry, compiled once (so a recursive reference works). */
  function reference(ref, path) {
    if (!ref.startsWith('#/$defs/')) throw new Error(`${path}: only local $defs references are supported`);
    const def = ref.slice('#/$defs/'.length);
    if (!refs.has(def)) {
      refs.set(def, `accept${functions.length}`);
      compile(schema.$defs[def], `#/$defs/${def}`);
    }
    return refs.get(def);
  }

  /** A function testing `node`, named; returns its name. */
  function compile(node, path) {
    const constraints = Object.keys(node).filter((k) => !ANNOTATIONS.has(k));
    if (constraints.length === 1 && constraints[0] === '$ref') return reference(node.$ref, path);
    const fn = `accept${functions.length}`;
    functions.push('');
    const body = [];
    const fail = (test) => body.push(`if (${test}) return false;`);
    for (const keyword of Object.keys(node)) {
      if (!ANNOTATIONS.has(keyword) && !KNOWN.has(keyword)) throw new Error(`${path}: the accept path does not know "${keyword}": teach scripts/accept-codegen.mjs its Ajv semantics`);
    }
    if (node.$ref !== undefined) fail(`!${reference(node.$ref, path)}(d)`);
    if (node.type !== undefined) {
      const types = [node.type].flat();
      fail(`!(${types.map((t) => TYPES[t]('d')).join(' || ')})`);
    }
    if (node.enum !== undefined) {
      if (!node.enum.every((v) => v === null || typeof v !== 'object')) throw new Error(`${path}: enum values must be scalars`);
      fail(`!(${node.enum.map((v) => `d === ${JSON.stringify(v)}`).join(' || ')})`);
    }
    if (node.not !== undefined) fail(`${compile(node.not, `${path}/not`)}(d)`);
    // Keywords of one type apply only to values of that type, as in JSON Schema.
    // Lengths are in code points, one or two UTF-16 units each: most strings are decided by
    // their .length alone, and only the others are counted.
    const strings = [];
    if (node.minLength !== undefined) strings.push(`(d.length < ${2 * node.minLength} && ucs2length(d) < ${node.minLength})`);
    if (node.maxLength !== undefined) strings.push(`(d.length > ${node.maxLength} && ucs2length(d) > ${node.maxLength})`);
    if (node.pattern !== undefined) strings.push(`!pattern${patterns.push(node.pattern) - 1}.test(d)`);
    if (node.format !== undefined) {
      if (node.format !== 'date') throw new Error(`${path}: unknown format "${node.format}"`);
      strings.push('!formats.date.validate(d)');
    }
    if (strings.length) fail(`typeof d === "string" && (${strings.join(' || ')})`);
    const numbers = [];
    if (node.minimum !== undefined) numbers.push(`d < ${node.minimum}`);
    if (node.maximum !== undefined) numbers.push(`d > ${node.maximum}`);
    if (numbers.length) fail(`typeof d === "number" && (${numbers.join(' || ')} || isNaN(d))`);
    if (node.maxItems !== undefined) fail(`Array.isArray(d) && (d.length > ${node.maxItems})`);
    if (node.items !== undefined) {
      const item = compile(node.items, `${path}/items`);
      body.push(`if (Array.isArray(d)) for (let i = 0; i < d.length; i++) if (!${item}(d[i])) return false;`);
    }
    const objectKeywords = ['required', 'properties', 'additionalProperties', 'propertyNames'].filter((k) => node[k] !== undefined);
    if (objectKeywords.length) {
      const inner = [];
      const required = new Set(node.required ?? []);
      const properties = Object.entries(node.properties ?? {});
      // Each property is read once (objects of many shapes make every read a slow one).
      for (const key of required) if (!Object.hasOwn(node.properties ?? {}, key)) inner.push(`if (${member('d', key)} === undefined) return false;`);
      properties.forEach(([key, sub], i) => {
        const test = `${compile(sub, `${path}/properties/${key}`)}(p${i})`;
        inner.push(`const p${i} = ${member('d', key)};`, required.has(key) ? `if (p${i} === undefined || !${test}) return false;` : `if (p${i} !== undefined && !${test}) return false;`);
      });
      const perKey = [];
      if (node.propertyNames !== undefined) perKey.push(`if (!${compile(node.propertyNames, `${path}/propertyNames`)}(k)) return false;`);
      if (node.additionalProperties !== undefined) {
        const known = properties.length ? properties.map(([key]) => `k === ${JSON.stringify(key)}`).join(' || ') : 'false';
        if (node.additionalProperties === false) perKey.push(`if (!(${known})) return false;`);
        else if (node.additionalProperties !== true) perKey.push(`if (!(${known}) && !${compile(node.additionalProperties, `${path}/additionalProperties`)}(d[k])) return false;`);
      }
      if (perKey.length) inner.push(`for (const k in d) {\n${perKey.join('\n')}\n}`);
      body.push(`if (${TYPES.object('d')}) {\n${inner.join('\n')}\n}`);
    }
    functions[Number(fn.slice('accept'.length))] = `function ${fn}(d) {\n${body.join('\n')}\nreturn true;\n}`;
    return fn;
  }

  const root = compile(schema, '#');
  return [
    ...patterns.map((p, i) => `const pattern${i} = new RegExp(${JSON.stringify(p)}, "u");`),
    ...functions,
    `/** True when the data is valid: the fast path; Ajv's validator explains a false. */\nexport function ${name}(data) {\nreturn ${root}(data);\n}`,
  ].join('\n');
}

const KNOWN = new Set([
  '$ref', 'type', 'enum', 'not', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum',
  'maxItems', 'items', 'required', 'properties', 'additionalProperties', 'propertyNames',
]);
