import { ragDescription, ragFor, RAG_LABEL } from './rag';

describe('RAG rating against a target', () => {
  it('is green at or above the target, amber from the amber threshold, red below', () => {
    expect(ragFor(90, 90, 75)).toBe('GREEN');
    expect(ragFor(89.9, 90, 75)).toBe('AMBER');
    expect(ragFor(74.9, 90, 75)).toBe('RED');
    expect(ragFor(null, 90, 75)).toBeNull();
  });

  it('always has a word, not only a colour', () => {
    expect(RAG_LABEL.AMBER).toBe('Near target');
    expect(ragDescription('RED', 90, 75)).toBe('Red: below target (under 75%)');
  });
});
