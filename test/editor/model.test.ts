/** The editor's document helpers: immutable edits, diffs, JSON text with positions. */
import { describe, expect, it } from 'vitest';
import { ref, watch, nextTick } from 'vue';
import { sameMap, sameSet, stableComputed } from '../../editor/composables/useStable.js';
import { readFileSync } from 'node:fs';
import { locateValue, parsePathKey } from '../../editor/model/jsonLocate.js';
import { placeOf } from '../../editor/model/place.js';
import { comparedValues } from '../../editor/model/comparedValues.js';
import { isoDate } from '../../editor/model/dates.js';
import type { Ruleset } from '../../engine/index.js';
import { changedPaths, detectStyle, formatJson, getIn, internPath, jsonEqual, parseJson, pathKey, setIn } from '../../editor/model/paths.js';

describe('setIn', () => {
  const document = { a: { b: [1, { c: 2 }] }, d: { e: 3 } };

  it('copies only the objects on the path', () => {
    const next = setIn(document, ['a', 'b', 1, 'c'], 5);
    expect(getIn(next, ['a', 'b', 1, 'c'])).toBe(5);
    expect(document.a.b[1]).toEqual({ c: 2 });
    expect(next.d).toBe(document.d);
    expect(next.a).not.toBe(document.a);
  });

  it('removes a key for undefined and keeps key order', () => {
    expect(Object.keys(setIn({ x: 1, y: 2, z: 3 }, ['y'], undefined))).toEqual(['x', 'z']);
    expect(Object.keys(setIn({ x: 1, z: 3 }, ['y'], 2))).toEqual(['x', 'z', 'y']);
  });
});

describe('internPath', () => {
  it('gives one frozen array per path, whatever array it is asked with', () => {
    const base = ['indicators', 1, 'items', 0] as const;
    const full = internPath([...base, 'full']);
    expect(full).toEqual(['indicators', 1, 'items', 0, 'full']);
    expect(internPath([...base, 'full'])).toBe(full);
    expect(Object.isFrozen(full)).toBe(true);
    // Paths that write out alike in JSON path form stay apart: a number index and a key that looks like one.
    expect(internPath(['grades', 1, 'min'])).not.toBe(internPath(['grades', '1', 'min']));
    expect(internPath([...base, 'base'])).not.toBe(full);
  });
});

describe('changedPaths and jsonEqual', () => {
  it('lists leaf paths in the engine path notation', () => {
    const before = { grades: [{ grade: 'AAA', min: 90 }], floors: { 'AA+': 85 } };
    const after = setIn(setIn(before, ['grades', 0, 'min'], 91), ['floors', 'AA+'], 86);
    expect([...changedPaths(before, after)]).toEqual(['$.grades[0].min', '$.floors["AA+"]']);
    expect(jsonEqual(before, JSON.parse(JSON.stringify(before)))).toBe(true);
    expect(pathKey(['indicators', 1, 'items', 0, 'cap'])).toBe('$.indicators[1].items[0].cap');
  });
});

describe('JSON text', () => {
  it('keeps the style of a file', () => {
    const style = detectStyle('{\n    "a": 1\n}');
    expect(style).toEqual({ indent: 4, finalNewline: false });
    expect(formatJson({ a: 1 }, style)).toBe('{\n    "a": 1\n}');
  });

  it('reports where text stops being JSON', () => {
    const result = parseJson('{\n  "a": 1,\n  oops\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(3);
  });

  it('finds the value at a JSON path', () => {
    const text = formatJson({ grades: [{ grade: 'AAA', min: 90 }, { grade: 'AA+', min: 85 }], floors: { 'AA+': 85 } });
    const range = locateValue(text, parsePathKey('$.grades[1].min'))!;
    expect(text.slice(range.start, range.end)).toBe('85');
    const floor = locateValue(text, parsePathKey('$.floors["AA+"]'))!;
    expect(text.slice(floor.start, floor.end)).toBe('85');
    const missing = locateValue(text, parsePathKey('$.grades[1].nothing'))!;
    expect(text.slice(missing.start, missing.end)).toBe('{\n      "grade": "AA+",\n      "min": 85\n    }');
  });

  it('finds a value under an escaped key, and nothing in text that is not JSON', () => {
    const text = '{"a\\"b": [true, {"c": null}], "d": "x"}';
    const range = locateValue(text, ['a"b', 1, 'c'])!;
    expect(text.slice(range.start, range.end)).toBe('null');
    expect(locateValue('{"a": [1, }', ['a', 0])).toBeNull();
  });
});

describe('syntaxErrorOffset', () => {
  it.each([
    ['{"a": 1}', -1],
    ['oops {"a": 1}', 0],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": "x\ny"}', 8],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
  ])('%j goes wrong at %i', async (text, offset) => {
    const { syntaxErrorOffset } = await import('../../editor/model/jsonLocate.js');
    expect(syntaxErrorOffset(text)).toBe(offset);
    expect(parseJson(text).ok).toBe(offset === -1);
  });

  it('gives the line and column of the error', () => {
    const result = parseJson('{\n  "a": 1,\n  oops\n}');
    expect(result.ok || result.error).toMatchObject({ line: 3, column: 3 });
    const start = parseJson('oops {}');
    expect(start.ok || start.error).toMatchObject({ line: 1, column: 1 });
  });
});

describe('placeOf', () => {
  const ruleset = JSON.parse(readFileSync('rulesets/enterprise.json', 'utf8')) as unknown;
  const names: Record<string, string> = { points: '分值', downgrades: '公布后的降级', floors: '降级后的得分', min: '最低分', value: '数值', window: '计算期限', months: '月数' };
  const place = (path: string): string => placeOf(ruleset, path, (key) => names[key]);

  it('names a field by the nearest named object on its path, then the field', () => {
    expect(place('$.indicators[1].items[0].clauses[2].points')).toBe('E2.1.3 一般质量事故 · 分值');
    expect(place('$.indicators[1].items[0].clauses[0].window.months')).toBe('E2.1.1 质量投诉未及时处理 · 计算期限 · 月数');
    expect(place('$.grades[1].min')).toBe('AA+ · 最低分');
    expect(place('$.parameters.announcementMonths.value')).toBe('通报批评公示期限(未特别说明时) · 数值');
  });

  it('writes keys it has no words for as they are, and a path into nothing named as its keys', () => {
    expect(place('$.downgrades.floors.AA')).toBe('公布后的降级 · 降级后的得分 · AA');
    expect(place('$.indicators[1].items[0].clauses[2].unknownKey')).toBe('E2.1.3 一般质量事故 · unknownKey');
    expect(place('$')).toBe('$');
  });
});

describe('comparedValues', () => {
  const enterprise = JSON.parse(readFileSync(new URL('../../rulesets/enterprise.json', import.meta.url), 'utf8')) as Ruleset;

  it('offers the regions the shipped ruleset accepts: its home region, and the mutual-recognition regions once listed', () => {
    expect(comparedValues(enterprise, 'region')).toEqual(['台州']);
    const listed = { ...enterprise, parameters: { ...enterprise.parameters, mutualRecognitionRegions: { ...enterprise.parameters.mutualRecognitionRegions!, value: ['宁波', '温州'] } } };
    expect(comparedValues(listed, 'region')).toEqual(['台州', '宁波', '温州']);
  });

  it('reads literal values and ignores other attributes, other operators and references to other facts', () => {
    const when = { any: [
      { fact: 'event', path: 'region', operator: 'equal', value: '杭州' },
      { fact: 'event', path: 'region', operator: 'in', value: ['湖州', ''] },
      { fact: 'event', path: 'region', operator: 'notEqual', value: '舟山' },
      { fact: 'event', path: 'region', operator: 'equal', value: { fact: 'record', path: 'region' } },
      { fact: 'event', path: 'level', operator: 'equal', value: 'county' },
    ] };
    expect(comparedValues({ ...enterprise, parameters: {}, conditions: { when } } as unknown as Ruleset, 'region')).toEqual(['杭州', '湖州']);
  });
});

describe('isoDate', () => {
  it('reads a date as staff type it, and writes it YYYY-MM-DD', () => {
    for (const typed of ['2021-06-30', '2021-6-30', ' 2021/6/30 ', '2021.06.30', '2021年6月30日', '２０２１-０６-３０']) expect(isoDate(typed), typed).toBe('2021-06-30');
    expect(isoDate('2024年2月29日')).toBe('2024-02-29');
    expect(isoDate('')).toBe('');
  });

  it('refuses what is not a real calendar date', () => {
    for (const typed of ['2021-02-30', '2023-02-29', '2021-13-01', '2021-00-10', '21-06-30', '06/30/2021', '2021-06', 'tomorrow']) expect(isoDate(typed), typed).toBeNull();
  });
});

describe('stableComputed', () => {
  it('keeps its previous value while a new one is equal, so what watches it is not told', async () => {
    const source = ref({ a: 1, b: [1, 2] });
    const list = stableComputed(() => source.value.b.map((n) => ({ n })));
    const first = list.value;
    let told = 0;
    watch(list, () => told++);
    source.value = { a: 2, b: [1, 2] };
    expect(list.value).toBe(first);
    await nextTick();
    expect(told).toBe(0);
    source.value = { a: 2, b: [1, 3] };
    expect(list.value).toEqual([{ n: 1 }, { n: 3 }]);
    await nextTick();
    expect(told).toBe(1);
  });

  it('compares sets and maps by their members', () => {
    expect(sameSet(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameSet(new Set(['a']), new Set(['a', 'b']))).toBe(false);
    expect(sameMap(new Map([['x', { v: 1 }]]), new Map([['x', { v: 1 }]]))).toBe(true);
    expect(sameMap(new Map([['x', { v: 1 }]]), new Map([['x', { v: 2 }]]))).toBe(false);
    expect(sameMap(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(false);
  });
});
