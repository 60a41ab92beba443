import type { Role } from '@parley/contracts';

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

export const hasRole = (actual: Role, required: Role): boolean => (RANK[actual] ?? 0) >= RANK[required];
