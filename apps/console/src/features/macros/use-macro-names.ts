import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { CannedResponseDto, LabelDto, TeamDto, UserDto } from '@parley/contracts';
import { usersQuery } from '../conversations/use-directory';
import { cannedResponsesQuery } from '../canned-responses/canned-api';
import { labelName } from '../labels/label-view';
import { useLabels } from '../labels/use-labels';
import { macroTeamsQuery } from './macros-api';
import type { MacroNames } from './macro-text';

const NO_TEAMS: TeamDto[] = [];
const NO_USERS: UserDto[] = [];
const NO_CANNED: CannedResponseDto[] = [];

/** What a macro's actions may point at, for the editor's choices and the descriptions. */
export interface MacroChoices {
  labels: LabelDto[];
  teams: TeamDto[];
  agents: UserDto[];
  canned: CannedResponseDto[];
  names: MacroNames;
  labelText(label: LabelDto): string;
}

export function useMacroChoices(): MacroChoices {
  const { i18n } = useTranslation();
  const { labels } = useLabels();
  const teams = useQuery(macroTeamsQuery).data ?? NO_TEAMS;
  const agents = useQuery(usersQuery).data ?? NO_USERS;
  const canned = useQuery(cannedResponsesQuery).data ?? NO_CANNED;
  const language = i18n.language;
  return useMemo(() => {
    const labelText = (l: LabelDto) => labelName(l, language);
    const find = <T extends { id: string }>(list: T[], text: (item: T) => string) => (id: string) => {
      const found = list.find((item) => item.id === id);
      return found ? text(found) : undefined;
    };
    return {
      labels, teams, agents, canned, labelText,
      names: { label: find(labels, labelText), team: find(teams, (x) => x.name), agent: find(agents, (x) => x.name), canned: find(canned, (x) => x.title) },
    };
  }, [labels, teams, agents, canned, language]);
}
