/** The optional things a chat service can do. Plugins ask with `this.supports('threads')`. */
export type Capability = 'threads' | 'reactions' | 'cards' | 'files' | 'edits' | 'typing';

/** Every capability, in a stable order (for listings and loops). */
export const CAPABILITIES: readonly Capability[] = ['threads', 'reactions', 'cards', 'files', 'edits', 'typing'];

/**
 * A backend's declaration of what it supports. Every key must be given, so a new backend decides each one
 * instead of inheriting a default.
 */
export type Capabilities = Readonly<Record<Capability, boolean>>;
