// Red / amber / green against a coverage target (the rule itself is in @aiwr/shared-domain).
// On screen the word is always shown with the colour.
import { DEFAULT_AMBER_PCT, DEFAULT_TARGET_PCT, ragFor, type Rag } from '@aiwr/shared-domain';

export { ragFor, DEFAULT_AMBER_PCT, DEFAULT_TARGET_PCT };
export type { Rag };

export const RAG_LABEL: Record<Rag, string> = {
  GREEN: 'On target',
  AMBER: 'Near target',
  RED: 'Below target',
};

/** Accessible description, e.g. "Amber: near target (75% to 90%)". */
export function ragDescription(rag: Rag, target = DEFAULT_TARGET_PCT, amberFrom = DEFAULT_AMBER_PCT): string {
  switch (rag) {
    case 'GREEN':
      return `Green: on target (${target}% or more)`;
    case 'AMBER':
      return `Amber: near target (${amberFrom}% to ${target}%)`;
    case 'RED':
      return `Red: below target (under ${amberFrom}%)`;
  }
}
