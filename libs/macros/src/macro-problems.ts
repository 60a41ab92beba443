import { UnprocessableEntityException } from '@nestjs/common';
import type { MacroProblemCode, MacroProblemDto } from '@parley/contracts';

/** A problem of one action (`action`: its index), worded in English; the console words it from code and params. */
export function problem(action: number, code: MacroProblemCode, params: Record<string, string | number> = {}): MacroProblemDto {
  return { action, code, params, message: `Action ${action + 1}: ${sentence(code, params)}` };
}

function sentence(code: MacroProblemCode, p: Record<string, string | number>): string {
  switch (code) {
    case 'label_deleted': return `the label "${p.name}" was deleted`;
    case 'team_deleted': return `the team "${p.name}" was deleted`;
    case 'agent_deleted': return `the agent "${p.name}" was deleted or disabled`;
    case 'canned_deleted': return `the canned response "${p.name}" was deleted or is not yours to use`;
    case 'unfilled_variable': return `no value for ${p.names} in this conversation`;
    case 'too_long': return `the text is ${p.length} characters long, the channel takes ${p.max}`;
    case 'not_sendable': return String(p.reason);
    case 'survey_off': return String(p.reason);
  }
}

/** The 422 of a macro that cannot run: every problem named, nothing applied. */
export function cannotRun(name: string, problems: MacroProblemDto[]): UnprocessableEntityException {
  return new UnprocessableEntityException(`Macro "${name}" cannot run: ${problems.map((p) => p.message).join('; ')}`);
}

const REFERENCE_KINDS: Partial<Record<MacroProblemCode, string>> = {
  label_deleted: 'label', team_deleted: 'team', agent_deleted: 'agent', canned_deleted: 'canned response',
};

/** A reference that does not exist when the macro is saved, by its id: "Action 2: there is no label 0193…" (a 422). */
export function missingReference(p: MacroProblemDto): string {
  const yours = p.code === 'canned_deleted' ? ' that you may use' : '';
  return `Action ${p.action + 1}: there is no ${REFERENCE_KINDS[p.code] ?? 'such'} ${p.params.name}${yours}`;
}
