import { AssignerProtocol } from 'kafkajs';
import type { Admin, GroupDescription } from 'kafkajs';

/** Partitions assigned to each member of a group, largest first (members are anonymous here). */
export function partitionsPerMember(group: GroupDescription): number[] {
  return group.members
    .map((member) => {
      if (member.memberAssignment.length === 0) return 0;
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return Object.values(decoded?.assignment ?? {}).reduce((sum, parts) => sum + parts.length, 0);
    })
    .sort((a, b) => b - a);
}

/**
 * Waits until the group is Stable with exactly `members` members, i.e. the rebalance that a
 * replica joining or leaving starts has finished, and returns the partitions per member.
 * A SIGKILLed member stays listed until its session times out (30 s here).
 */
export async function waitForGroup(
  admin: Admin,
  groupId: string,
  members: number,
  timeoutMs = 120_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not described yet';
  while (Date.now() < deadline) {
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group !== undefined) {
      last = `${group.state} with ${group.members.length} members`;
      if (group.state === 'Stable' && group.members.length === members) {
        const spread = partitionsPerMember(group);
        if (spread.every((count) => count > 0) || spread.length === 0) return spread;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`group ${groupId} did not settle on ${members} members in time (${last})`);
}
