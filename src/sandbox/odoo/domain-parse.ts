/**
 * Odoo domains in prefix notation, checked and normalised as
 * odoo/osv/expression.py does: implicit '&' between terms, leaves as
 * (left, operator, right) with the operator lower-cased, '<>' read as '!=',
 * `=`/`!=` with a list read as `in`/`not in`, `in`/`not in` with a bool read
 * as `=`/`!=`, and Odoo's error texts for malformed domains.
 */
import { pyRepr, type PyValue } from './py-values.js';
import { valueError } from './odoo-errors.js';

export type DomainNode =
  | { kind: 'and' | 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'leaf'; leaf: Leaf };

export interface Leaf {
  left: PyValue;
  operator: string;
  right: PyValue;
}

const BASE_OPERATORS = [
  '=',
  '!=',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
];
const ANY_OPERATORS = ['any', 'not any'];
const ARITY: Record<string, number> = { '&': 2, '|': 2, '!': 1 };

function termOperators(majorVersion: number): Set<string> {
  return new Set(majorVersion >= 17 ? [...BASE_OPERATORS, ...ANY_OPERATORS] : BASE_OPERATORS);
}

export function leafText(leaf: Leaf): string {
  return pyRepr([leaf.left, leaf.operator, leaf.right], true);
}

/** Parses a domain into a tree; an empty domain matches everything. */
export function parseDomain(domain: PyValue, majorVersion: number): DomainNode {
  if (domain === null || domain === false || (Array.isArray(domain) && domain.length === 0)) {
    return { kind: 'and', children: [] };
  }
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  const tokens = normalizeDomain(domain);
  const operators = termOperators(majorVersion);
  const state = { tokens, index: 0 };
  return readNode(state, operators);
}

export function normalizeDomain(domain: PyValue[]): PyValue[] {
  const result: PyValue[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) expected -= 1;
    else expected += (typeof token === 'string' ? (ARITY[token] ?? 0) : 0) - 1;
    result.push(token);
  }
  if (expected !== 0) {
    throw valueError(`Domain ${pyRepr(domain)} is syntactically not correct.`);
  }
  return result;
}

interface ReadState {
  tokens: PyValue[];
  index: number;
}

function readNode(state: ReadState, operators: Set<string>): DomainNode {
  const token = state.tokens[state.index++] ?? null;
  if (token === '&' || token === '|') {
    const first = readNode(state, operators);
    const second = readNode(state, operators);
    return { kind: token === '&' ? 'and' : 'or', children: [first, second] };
  }
  if (token === '!') return { kind: 'not', child: readNode(state, operators) };
  return { kind: 'leaf', leaf: toLeaf(token, operators) };
}

function toLeaf(token: PyValue, operators: Set<string>): Leaf {
  if (!Array.isArray(token) || token.length !== 3 || typeof token[1] !== 'string') {
    throw invalidLeaf(token);
  }
  const [left = null, rawOperator, right = null] = token as [PyValue, string, PyValue];
  let operator = rawOperator.toLowerCase();
  if (operator === '<>') operator = '!=';
  if (!operators.has(operator) || !isValidLeft(left, operator, right)) throw invalidLeaf(token);
  if (typeof right === 'boolean' && (operator === 'in' || operator === 'not in')) {
    operator = operator === 'in' ? '=' : '!=';
  }
  if (Array.isArray(right) && (operator === '=' || operator === '!=')) {
    operator = operator === '=' ? 'in' : 'not in';
  }
  return { left, operator, right };
}

function isValidLeft(left: PyValue, operator: string, right: PyValue): boolean {
  if (typeof left === 'string') return left !== '';
  const constant = left === 1 || left === true || left === 0 || left === false;
  return constant && operator === '=' && (right === 1 || right === true);
}

function invalidLeaf(token: PyValue): Error {
  return valueError(`Invalid leaf ${pyRepr(token, Array.isArray(token))}`);
}
