import { describe, expect, it } from 'vitest';
import { hasQuorum, parseFraction, quorumNeeded } from '../../src/domain/quorum';
import { minimumFor, passesMajority } from '../../src/domain/majority';

describe('hasQuorum: 三分之二以上 includes two thirds itself', () => {
  it.each([
    [80, 120, true], // exactly two thirds
    [79, 120, false],
    [120, 120, true],
    [0, 0, false], // an empty roster never has a quorum
    [1, 0, false],
    [0, 1, false],
    [1, 1, true],
    [2, 3, true], // 2 of 3: exactly two thirds of a small roster
    [57, 86, false], // 86 × 2 / 3 = 57.33: 57 is short
    [58, 86, true],
    [30, 45, true],
    [29, 45, false],
  ])('%i present of %i seated → %s', (present, seated, expected) => {
    expect(hasQuorum(present, seated)).toBe(expected);
  });

  it.each([
    ['1/2', 60, 120, true], // 二分之一以上 includes half
    ['1/2', 59, 120, false],
    ['3/4', 90, 120, true],
    ['3/4', 89, 120, false],
    ['3/4', 0, 0, false],
  ])('with %s: %i of %i → %s', (f, present, seated, expected) => {
    expect(hasQuorum(present, seated, parseFraction(f))).toBe(expected);
  });

  it.each([[120, 80], [86, 58], [45, 30], [1, 1], [0, 0], [52, 35]])('%i seated need %i present', (seated, needed) => {
    expect(quorumNeeded(seated)).toBe(needed);
    if (seated > 0) {
      expect(hasQuorum(needed, seated)).toBe(true);
      expect(hasQuorum(needed - 1, seated)).toBe(false);
    }
  });
});

describe('passesMajority: 过半数 is strictly more than half', () => {
  it.each([
    [60, 120, false], // exactly half is NOT adopted
    [61, 120, true],
    [43, 86, false],
    [44, 86, true],
    [22, 45, false], // 45 / 2 = 22.5
    [23, 45, true],
    [0, 0, false],
    [1, 1, true],
  ])('%i for of %i → %s', (forVotes, base, expected) => {
    expect(passesMajority(forVotes, base)).toBe(expected);
  });

  it.each([[120, 61], [86, 44], [45, 23], [95, 48], [0, 1]])('base %i needs at least %i', (base, min) => {
    expect(minimumFor(base)).toBe(min);
    expect(passesMajority(min, base)).toBe(true);
    expect(passesMajority(min - 1, base)).toBe(false);
  });
});
