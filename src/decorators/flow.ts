import { BanterError } from '../errors/banter-error.ts';
import type { FlowDefinition, FlowOptions } from '../flows/flow-definition.ts';
import { declareFlow } from '../flows/flow-metadata.ts';
import { assertLegacyDecorator } from './decorator-target.ts';

const FLOW_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Declare a multi-step conversation: the method returns its {@link FlowDefinition} (steps, first step, what to
 * do at the end) and is called each time the flow is needed, with `this` the plugin. Start one with
 * `this.startFlow(name, message, state)`; the bot then asks each step's question and reads the answers (plain
 * messages, without the prefix) from that person in that place — or from anyone in the room with
 * `scope: 'room'`. State is kept in storage after every answer, so a restart continues the conversation; a
 * step left unanswered for `timeoutMs` ends it. Saying `cancel` ends it too.
 *
 * @example
 * ```ts
 * import { Plugin, UserError, command, flow, type FlowDefinition, type Message } from 'banter';
 *
 * interface Release { service?: string; env?: string }
 *
 * export class Releases extends Plugin {
 *   static override metadata = { name: 'releases' };
 *
 *   @command({ help: 'Release a service, step by step' })
 *   async release(msg: Message): Promise<void> {
 *     await this.startFlow('release', msg, {});
 *   }
 *
 *   @flow({ timeoutMs: 5 * 60_000 })
 *   releaseFlow(): FlowDefinition<Release> {
 *     return {
 *       first: 'service',
 *       steps: {
 *         service: { ask: 'Which service?', answer: (text, s) => ({ ...s, service: text }), next: 'env' },
 *         env: {
 *           ask: (s) => `Release ${s.service} to staging or prod?`,
 *           answer: (text, s) => {
 *             if (text !== 'staging' && text !== 'prod') throw new UserError('Say staging or prod.');
 *             return { ...s, env: text };
 *           },
 *         },
 *       },
 *       done: (s) => `Releasing ${s.service} to ${s.env}.`,
 *     };
 *   }
 * }
 * ```
 */
export function flow(options: FlowOptions = {}) {
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new BanterError('E_FLOW_OPTIONS', `@flow timeoutMs must be a whole number of milliseconds above 0, not ${options.timeoutMs}`);
  }
  // `any`: each flow has its own state type, and method decorators cannot be generic over it in a useful way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <Definition extends () => FlowDefinition<any>>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Definition>): void => {
    assertLegacyDecorator('flow', key);
    const name = options.name ?? defaultFlowName(key);
    if (!FLOW_NAME.test(name)) {
      throw new BanterError('E_FLOW_OPTIONS', `flow name "${name}" must be lower-case letters, digits and "-" (give @flow({ name }) for ${key})`);
    }
    declareFlow(target.constructor, {
      method: key,
      name,
      scope: options.scope ?? 'person',
      timeoutMs: options.timeoutMs,
      description: options.description ?? '',
    });
  };
}

/** `releaseFlow` → `release`, `onboardNewUser` → `onboard-new-user`: the method name without a `Flow` suffix, kebab-cased. */
function defaultFlowName(method: string): string {
  const base = method.length > 4 && method.endsWith('Flow') ? method.slice(0, -4) : method;
  return base.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');
}
