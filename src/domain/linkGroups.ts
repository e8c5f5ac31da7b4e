/**
 * Each district representative is linked to a fixed group of deliberation representatives
 * (seed 004: 每名区人大代表固定联系13名议事代表; the size is a jurisdiction setting).
 * A group larger than the size is a warning; a smaller one is normal for the last group of a roster
 * that is not a multiple of it, so it is only a note.
 */
export type GroupSizeCheck =
  | { kind: 'ok' }
  | { kind: 'over'; size: number; groupSize: number; text: string }
  | { kind: 'under'; size: number; groupSize: number; text: string };

export function checkGroupSize(size: number, groupSize: number): GroupSizeCheck {
  if (size > groupSize) return { kind: 'over', size, groupSize, text: `联系 ${size} 名，超过每组 ${groupSize} 名` };
  if (size < groupSize) return { kind: 'under', size, groupSize, text: `联系 ${size} 名，不足每组 ${groupSize} 名` };
  return { kind: 'ok' };
}

/** How many district representatives it takes to cover every seated deliberation representative. */
export function districtRepsNeeded(seated: number, groupSize: number): number {
  return groupSize > 0 ? Math.ceil(seated / groupSize) : 0;
}

/** For the assignment form: is there room in this representative's group for one more? */
export function hasRoom(size: number, groupSize: number): boolean {
  return size < groupSize;
}

/** One warning per group over the size, naming its district representative: the overview and the links page say the same. */
export function oversizedGroups(groups: readonly { districtRep: { name: string }; members: readonly unknown[] }[], groupSize: number): string[] {
  return groups.flatMap((g) => {
    const check = checkGroupSize(g.members.length, groupSize);
    return check.kind === 'over' ? [`${g.districtRep.name}：${check.text}`] : [];
  });
}
