/**
 * What one ORM call runs with (the model, the user, the environment built
 * from the call's context) and Odoo's model access check
 * (ir.model.access: the catalog's deniedModels refuse every operation).
 */
import type { OdooUser } from './catalog-schema.js';
import type { ModelDef, ModelEnv } from './model-types.js';
import type { OdooStore } from './odoo-store.js';
import { accessError } from './odoo-errors.js';

export interface CallContext {
  store: OdooStore;
  env: ModelEnv;
  model: ModelDef;
  user: OdooUser;
}

export type Operation = 'read' | 'write' | 'create' | 'unlink';

const HEADS: Record<Operation, string> = {
  read: 'access',
  write: 'modify',
  create: 'create',
  unlink: 'delete',
};

/** Groups that may do what a denied user may not, as Odoo lists them. */
const ALLOWED_GROUPS = '\t- Administration/Settings';

export function hasAccess(ctx: CallContext, _operation: Operation): boolean {
  return !ctx.user.deniedModels.includes(ctx.model.name);
}

export function checkAccess(ctx: CallContext, operation: Operation): void {
  if (hasAccess(ctx, operation)) return;
  throw accessError(accessMessage(ctx.model, operation, ALLOWED_GROUPS));
}

/**
 * The sandbox keeps the catalog's record set fixed: creating or deleting
 * records is refused the way Odoo refuses a user without that right.
 */
export function refuseOperation(ctx: CallContext, operation: Operation): never {
  throw accessError(accessMessage(ctx.model, operation, null));
}

function accessMessage(model: ModelDef, operation: Operation, groups: string | null): string {
  const kind = `'${model.description}' (${model.name})`;
  const head = `You are not allowed to ${HEADS[operation]} ${kind} records.`;
  const groupInfo =
    groups === null
      ? 'No group currently allows this operation.'
      : `This operation is allowed for the following groups:\n${groups}`;
  return `${head}\n\n${groupInfo}\n\nContact your administrator to request access if necessary.`;
}
