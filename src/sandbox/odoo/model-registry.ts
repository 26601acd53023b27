/**
 * The models one fake server exposes: the built-in models whose module is
 * installed, plus the catalog's extra fields (custom `x_` fields or fields a
 * customised module adds).
 */
import { ALWAYS_INSTALLED, builtinModels } from './builtin-models.js';
import { boolean, char, float, integer, many2one, selection } from './field-builders.js';
import type { FieldDef, ModelDef } from './model-types.js';

export type ExtraFieldType = 'char' | 'integer' | 'float' | 'boolean' | 'many2one' | 'selection';

export interface ExtraFieldSpec {
  type: ExtraFieldType;
  string?: string | undefined;
  relation?: string | undefined;
  selection?: [string, string][] | undefined;
}

export interface RegistrySpec {
  serverVersion: string;
  installedModules: readonly string[];
  extraFields: Record<string, Record<string, ExtraFieldSpec>>;
}

export interface ServerVersion {
  text: string;
  major: number;
  minor: number;
  saas: boolean;
  enterprise: boolean;
}

export const SERVER_VERSION_PATTERN = /^(saas~)?(\d+)\.(\d+)(\+e)?$/;

export function parseServerVersion(text: string): ServerVersion {
  const match = SERVER_VERSION_PATTERN.exec(text);
  if (!match) throw new Error(`not an Odoo server version: ${text}`);
  return {
    text,
    major: Number(match[2]),
    minor: Number(match[3]),
    saas: match[1] !== undefined,
    enterprise: match[4] !== undefined,
  };
}

/** Every module the fake knows of, for ir.module.module. */
export function knownModules(): string[] {
  const modules = new Set<string>(ALWAYS_INSTALLED);
  for (const model of builtinModels(17)) modules.add(model.module);
  return [...modules].sort();
}

export function installedModuleSet(spec: Pick<RegistrySpec, 'installedModules'>): Set<string> {
  return new Set([...ALWAYS_INSTALLED, ...spec.installedModules]);
}

/** Module of each built-in model, installed or not, for error messages. */
export function builtinModelModules(): Map<string, string> {
  return new Map(builtinModels(17).map((model) => [model.name, model.module]));
}

export function buildRegistry(spec: RegistrySpec): Map<string, ModelDef> {
  const installed = installedModuleSet(spec);
  const major = parseServerVersion(spec.serverVersion).major;
  const registry = new Map<string, ModelDef>();
  for (const model of builtinModels(major)) {
    if (installed.has(model.module)) registry.set(model.name, model);
  }
  for (const [modelName, fields] of Object.entries(spec.extraFields)) {
    const model = registry.get(modelName);
    if (model) addExtraFields(model, fields);
  }
  return registry;
}

function addExtraFields(model: ModelDef, fields: Record<string, ExtraFieldSpec>): void {
  for (const [name, spec] of Object.entries(fields)) {
    if (!model.fields.has(name)) model.fields.set(name, extraField(name, spec));
  }
}

function extraField(name: string, spec: ExtraFieldSpec): FieldDef {
  const label = spec.string ?? defaultLabel(name);
  const options = { manual: name.startsWith('x_') };
  switch (spec.type) {
    case 'char':
      return char(name, label, options);
    case 'integer':
      return integer(name, label, options);
    case 'float':
      return float(name, label, options);
    case 'boolean':
      return boolean(name, label, options);
    case 'selection':
      return selection(name, label, spec.selection ?? [], options);
    case 'many2one':
      return many2one(name, label, spec.relation ?? '', options);
  }
}

function defaultLabel(name: string): string {
  const words = name.replace(/^x_/, '').split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
