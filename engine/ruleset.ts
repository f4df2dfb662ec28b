/**
 * Loading a ruleset: its JSON Schema, then the checks a schema cannot express (references
 * resolve, ids are unique, points are exact, grade lines descend), then compilation.
 */
import { compileRuleset, type CompiledRuleset } from './compile.js';
import { isIsoDate } from './dates.js';
import { forEachCondition, type Path } from './walk.js';
import { CreditRulesError, jsonPath, type Problem } from './errors.js';
import { factPathProblems } from './factPaths.js';
import { baseProblems } from './mechanisms/base.js';
import { eligibilityProblems } from './mechanisms/eligibility.js';
import { pointsProblems } from './mechanisms/points.js';
import { notAgainProblems } from './mechanisms/notAgain.js';
import { capProblems } from './mechanisms/cap.js';
import { keepOneProblems } from './mechanisms/keep.js';
import { vetoProblems } from './mechanisms/veto.js';
import { windowProblems } from './mechanisms/window.js';
import { namedConditionProblems } from './namedConditions.js';
import { operators } from './operators.js';
import { parameterProblems } from './parameters.js';
import { schemaProblems, validateRulesetSchema } from './schemas.js';
import { attributeKinds, unknownAttribute } from './attributes.js';
import type { AttributeSpec, Ruleset } from './types.js';


/** The problems a schema cannot see. Empty when the ruleset is sound. */
export function checkReferences(ruleset: Ruleset): Problem[] {
  const problems: Problem[] = [];
  const problem = (path: Path, message: string, fix: string, zh: string): void => {
    problems.push({ path: jsonPath(path), message, fix, zh });
  };

  // Indicators and items share one namespace, clauses, levels and downgrade rules another:
  // an item may carry its indicator's id (E5), a clause its item's (E1).
  const namespaces = { part: new Map<string, string>(), rule: new Map<string, string>() };
  const unique = (id: string, path: Path, what: string): void => {
    const ids = what === 'indicator' || what === 'item' || what === 'reading' || what === 'grade' ? namespaces.part : namespaces.rule;
    const earlier = ids.get(id);
    if (earlier) problem(path, `duplicate id "${id}" (also ${earlier})`, `give this ${what} an id of its own`, `编号“${id}”重复(另见 ${earlier}),请给这一项换一个编号`);
    else ids.set(id, jsonPath(path));
  };
  const readingIds = new Set(ruleset.readings.map((r) => r.id));
  const attributes = new Map<string, Set<string> | null>();
  for (const [typeName, type] of Object.entries(ruleset.eventTypes)) {
    for (const [name, spec] of Object.entries(type.attributes)) {
      if (spec.type === 'enum' && !spec.values) problem(['eventTypes', typeName, 'attributes', name, 'values'], `enum attribute "${name}" lists no values`, 'add "values": the allowed values', `事件属性“${name}”是选项类型,但没有列出可选值,请补上 values`);
      const values = attributes.get(name);
      if (spec.type !== 'enum' || values === null) attributes.set(name, null);
      else attributes.set(name, new Set([...(values ?? []), ...(spec.values ?? [])]));
    }
  }
  const known = attributeKinds(ruleset);
  const knownAttribute = (name: string): boolean => known.has(name);
  const unknown = (name: string, path: Path): void => void problems.push(unknownAttribute(name, path, known.keys()));
  const reading = (id: string | undefined, path: Path): void => {
    if (id !== undefined && !readingIds.has(id)) problem(path, `no reading "${id}" in "readings"`, 'add the reading or correct the id', `解读说明中没有“${id}”,请补上该解读或改正编号`);
  };

  ruleset.readings.forEach((r, i) => unique(r.id, ['readings', i, 'id'], 'reading'));
  for (const [name, p] of Object.entries(ruleset.parameters)) reading(p.reading, ['parameters', name, 'reading']);

  ruleset.indicators.forEach((indicator, ii) => {
    unique(indicator.id, ['indicators', ii, 'id'], 'indicator');
    indicator.items.forEach((item, ti) => {
      const itemPath: Path = ['indicators', ii, 'items', ti];
      if (item.id !== indicator.id) unique(item.id, [...itemPath, 'id'], 'item');
      if (item.highestPer && !knownAttribute(item.highestPer.attribute)) unknown(item.highestPer.attribute, [...itemPath, 'highestPer', 'attribute']);
      item.clauses.forEach((clause, ci) => {
        const clausePath: Path = [...itemPath, 'clauses', ci];
        unique(clause.id, [...clausePath, 'id'], 'clause');
        reading(clause.reading, [...clausePath, 'reading']);
        if (clause.oncePer !== undefined && !knownAttribute(clause.oncePer)) unknown(clause.oncePer, [...clausePath, 'oncePer']);
        if (clause.oncePer !== undefined && clause.keepOne) problem([...clausePath, 'oncePer'], `clause ${clause.id} has both "oncePer" and "keepOne"`, 'keep "keepOne" (oncePer is its shorthand for choose: first)', `条款 ${clause.id} 同时有 oncePer 和 keepOne,只保留 keepOne`);
        clause.levels?.forEach((level, li) => unique(level.id, [...clausePath, 'levels', li, 'id'], 'level'));
      });
    });
  });

  // Named conditions: none refers to itself, none nests too deep through the names it uses
  // (namedConditions.ts); that every reference resolves is checked with each condition below.
  const named = ruleset.conditions;
  for (const p of namedConditionProblems(named)) problems.push(p);

  forEachCondition(ruleset, (condition, path, scope) => {
    if ('condition' in condition) {
      if (!Object.hasOwn(named, condition.condition)) problem([...path, 'condition'], `no condition named "${condition.condition}"`, 'add it to "conditions" or correct the name', `没有名为“${condition.condition}”的条件,请在 conditions 中补上或改正名称`);
      return;
    }
    if ('all' in condition || 'any' in condition || 'not' in condition) return;
    const op = operators[condition.operator]!;
    const value = condition.value;
    const isRef = value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
    if (scope !== 'event' && (condition.fact === 'event' || (condition.fact === 'project' && scope === 'record'))) {
      problem([...path, 'fact'], `fact "${condition.fact}" is not available here (a ${scope} condition)`, `use "record", "asOf" or "parameters"${scope === 'project' ? ' or "project"' : ''}`, `这里(${scope} 条件)不能使用事实“${condition.fact}”`);
    }
    if (isRef) {
      const ref = value as { fact: unknown; path?: unknown };
      const keys = Object.keys(ref);
      if (typeof ref.fact !== 'string' || (ref.path !== undefined && (typeof ref.path !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(ref.path))) || keys.some((k) => k !== 'fact' && k !== 'path' && k !== 'params')) {
        problem([...path, 'value'], `a value that names a fact must be { "fact": name, "path": "a.b" }, found ${JSON.stringify(value)}`, 'write the fact and a dotted path as strings', `引用事实的值应写成 { "fact": 名称, "path": "a.b" },现为 ${JSON.stringify(value)}`);
        return;
      }
    }
    for (const ref of [condition, ...(isRef ? [value as { fact: string; path?: string }] : [])]) {
      if (ref.fact === 'parameters') {
        const name = ref.path?.split('.')[0];
        if (!name || !Object.hasOwn(ruleset.parameters, name)) problem([...path, ref === condition ? 'path' : 'value'], `no parameter "${name ?? ''}"`, 'add it to "parameters" or correct the path', `没有参数“${name ?? ''}”,请在参数中补上或改正路径`);
      }
    }
    if (!isRef) {
      const bad =
        (op.value === 'array' && !Array.isArray(value)) ||
        (op.value === 'number' && typeof value !== 'number') ||
        (op.value === 'date' && !isIsoDate(value)) ||
        (op.value === 'boolean' && typeof value !== 'boolean');
      if (bad) problem([...path, 'value'], `operator "${condition.operator}" needs ${op.value === 'date' ? 'a date YYYY-MM-DD' : `a ${op.value}`}, found ${JSON.stringify(value)}`, `write a ${op.value} value`, `运算“${condition.operator}”需要${op.value === 'date' ? '日期(YYYY-MM-DD)' : op.value === 'array' ? '列表' : op.value === 'number' ? '数字' : '是/否'},现为 ${JSON.stringify(value)}`);
    }
    if (condition.fact === 'event' && condition.path && !isRef) {
      const attribute = condition.path.split('.')[0]!;
      const values = (condition.operator === 'equal' || condition.operator === 'in') ? (Array.isArray(value) ? value : [value]) : [];
      if (attribute === 'type') {
        for (const v of values) {
          if (typeof v === 'string' && !Object.hasOwn(ruleset.eventTypes, v)) problem([...path, 'value'], `no event type "${v}"`, 'declare it in "eventTypes" or correct the name', `没有事件类型“${v}”,请在事件类型中声明或改正名称`);
        }
      } else if (knownAttribute(attribute)) {
        const allowed = attributes.get(attribute);
        for (const v of values) {
          if (allowed && typeof v === 'string' && !allowed.has(v)) problem([...path, 'value'], `"${v}" is not a declared value of "${attribute}"`, `use one of ${[...allowed].join(', ')}`, `“${v}”不是属性“${attribute}”的可选值,可选:${[...allowed].join('、')}`);
        }
      }
    }
  });

  // Grades descend; downgrade grades and floors name real grades.
  const grades = ruleset.grades;
  grades.forEach((g, i) => {
    unique(`grade:${g.grade}`, ['grades', i, 'grade'], 'grade');
    if (i > 0 && g.min >= grades[i - 1]!.min) {
      problem(['grades', i, 'min'], `grade line ${g.grade} (${g.min}) is not below ${grades[i - 1]!.grade} (${grades[i - 1]!.min})`, 'list grades from the highest, each line below the one before', `${g.grade} 级分数线 ${g.min} 分不低于上一级 ${grades[i - 1]!.grade} 的 ${grades[i - 1]!.min} 分,等级须从高到低、分数线依次降低`);
    }
  });
  const gradeNames = new Set(grades.map((g) => g.grade));
  const d = ruleset.downgrades;
  if (d) {
    d.fromGrades.forEach((g, i) => {
      if (!gradeNames.has(g)) problem(['downgrades', 'fromGrades', i], `no grade "${g}"`, 'name a grade of "grades"', `没有等级“${g}”,请填写等级划分中的等级`);
    });
    for (const [g, floor] of Object.entries(d.floors)) {
      const line = grades.find((x) => x.grade === g);
      const above = grades[grades.findIndex((x) => x.grade === g) - 1];
      if (!line) problem(['downgrades', 'floors', g], `no grade "${g}"`, 'name a grade of "grades"', `没有等级“${g}”,请填写等级划分中的等级`);
      else if (floor < line.min || (above && floor >= above.min)) {
        problem(['downgrades', 'floors', g], `floor ${floor} is outside grade ${g}`, `choose a score of grade ${g}`, `降级后得分 ${floor} 分不在 ${g} 级的分数范围内,请填写 ${g} 级的分数`);
      }
    }
    reading(d.reading, ['downgrades', 'reading']);
    d.rules.forEach((r, i) => unique(r.id, ['downgrades', 'rules', i, 'id'], 'downgrade rule'));
    d.repeats.forEach((r, i) => unique(r.id, ['downgrades', 'repeats', i, 'id'], 'downgrade rule'));
  }
  if (ruleset.baseRule) reading(ruleset.baseRule.reading, ['baseRule', 'reading']);
  if (grades.length && !ruleset.gradeCitation) problem(['gradeCitation'], 'the grades cite no text', 'add "gradeCitation": the clause and text the grade lines come from', '等级划分没有依据条款,请补上 gradeCitation');
  if (d && !grades.length) problem(['downgrades'], 'downgrades need grades to lower', 'add "grades", or remove "downgrades"', '没有等级划分,无级可降:请补上等级划分或删去降级规则');
  if (ruleset.effectiveTo !== undefined && ruleset.effectiveTo < ruleset.effectiveFrom) {
    problem(['effectiveTo'], `the ruleset ends (${ruleset.effectiveTo}) before it begins (${ruleset.effectiveFrom})`, 'correct one of the dates: effectiveTo is the last day in force', `失效日期 ${ruleset.effectiveTo} 早于生效日期 ${ruleset.effectiveFrom},请核对`);
  }
  for (const key of ['recordFields', 'projectFields'] as const) {
    for (const [name, spec] of Object.entries(ruleset[key] ?? {})) fieldProblems(spec, [key, name], problem);
  }
  problems.push(...pointsProblems(ruleset), ...baseProblems(ruleset), ...vetoProblems(ruleset), ...notAgainProblems(ruleset), ...capProblems(ruleset), ...windowProblems(ruleset), ...keepOneProblems(ruleset), ...eligibilityProblems(ruleset), ...parameterProblems(ruleset), ...factPathProblems(ruleset));
  return problems;
}

/** A declared record or project field: a kind of value it can hold, with values for a choice. */
function fieldProblems(spec: AttributeSpec, path: Path, problem: (path: Path, message: string, fix: string, zh: string) => void): void {
  if (spec.type === 'enum' && !spec.values) problem([...path, 'values'], `field "${path[1]}" is a choice but lists no values`, 'add "values": the allowed values', `字段“${path[1]}”是选项类型,但没有列出可选值,请补上 values`);
  if (spec.type === 'project') problem([...path, 'type'], 'only an event names a project', 'use "string" for an id', '只有事件可以引用工程项目,这里请用 string');
}

/** How deep a ruleset may nest; the shipped ones reach 12. Deeper input would exhaust the stack. */
const MAX_DEPTH = 100;

/** The path to a value nested deeper than `limit`, found without recursion, or `undefined`. */
function deepestPath(json: unknown, limit: number): Path | undefined {
  const stack: { value: unknown; path: Path }[] = [{ value: json, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length > limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return undefined;
}

/**
 * Validates a parsed ruleset (schema, then references) and compiles it for evaluation.
 * Throws a `CreditRulesError` (`RULESET_INVALID`, `RULESET_REFERENCE`) naming every problem.
 */
export function loadRuleset(json: unknown, options: { file?: string } = {}): CompiledRuleset {
  const deepest = deepestPath(json, MAX_DEPTH);
  if (deepest) {
    throw new CreditRulesError('RULESET_INVALID', `the ruleset nests deeper than ${MAX_DEPTH} levels`, {
      file: options.file,
      problems: [{ path: jsonPath(deepest), message: `nested more than ${MAX_DEPTH} levels deep`, fix: 'flatten the condition: all/any take lists', zh: `嵌套超过 ${MAX_DEPTH} 层,请简化条件` }],
    });
  }
  if (!validateRulesetSchema(json)) {
    throw new CreditRulesError('RULESET_INVALID', 'the ruleset does not match schemas/ruleset.schema.json', {
      file: options.file,
      problems: schemaProblems(validateRulesetSchema.errors, json),
    });
  }
  const problems = checkReferences(json);
  if (problems.length) {
    throw new CreditRulesError('RULESET_REFERENCE', 'the ruleset has references that do not resolve or numbers that do not fit', { file: options.file, problems });
  }
  return compileRuleset(json);
}
