import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { CANNED_EVENTS, CANNED_SCOPES, type CannedResponseDto, type CannedResponseInputDto, type CannedScope } from '@parley/contracts';
import { cleanShortcode, cleanTitle, cleanVariants, newId } from '@parley/domain';
import type { CannedResponseEntity } from '@parley/persistence';
import { checked } from './canned-problems';
import { mayEdit, mayUse, scopeKey, type CannedActor } from './canned-scope';
import { CANNED_RESPONSES_REPOSITORY, type CannedResponsesRepository } from './ports/canned-responses.repository';

export const MAX_CANNED_ATTACHMENTS = 10;
const TEMPLATE_MAX = 200;

/**
 * Canned responses: personal (their owner's), team (its members') and shared (everyone's).
 * Agents write their own personal ones; team and shared ones are the admins' to write.
 */
@Injectable()
export class CannedResponsesService {
  constructor(
    @Inject(CANNED_RESPONSES_REPOSITORY) private readonly repo: CannedResponsesRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /** What the actor may use: their own, their teams' (an admin: every team's) and shared ones, by shortcode. */
  async list(actor: CannedActor): Promise<CannedResponseDto[]> {
    const teamIds = await this.repo.teamIdsOf(actor.id);
    const keys = ['shared', scopeKey('personal', actor.id, null), ...teamIds.map((t) => scopeKey('team', null, t))];
    const rows = await this.repo.list(keys, actor.role === 'admin');
    const files = new Map((await this.repo.attachments([...new Set(rows.flatMap((r) => r.attachments))])).map((a) => [a.id, a]));
    return rows.map((r) => this.toDto(r, actor, r.attachments.flatMap((id) => files.get(id) ?? [])));
  }

  /** One response the actor may use; 404 for any other, so ids of others' personal ones reveal nothing. */
  async usable(actor: CannedActor, id: string): Promise<CannedResponseEntity> {
    const row = await this.repo.get(id);
    if (!row || !mayUse(actor, row.scope === 'team' ? await this.repo.teamIdsOf(actor.id) : [], row)) throw new NotFoundException(`Canned response ${id} not found`);
    return row;
  }

  async get(actor: CannedActor, id: string): Promise<CannedResponseDto> {
    return this.dto(await this.usable(actor, id), actor);
  }

  async create(actor: CannedActor, input: CannedResponseInputDto, announce = true): Promise<CannedResponseDto> {
    const scope = checkedScope(input.scope ?? 'personal');
    const teamId = scope === 'team' ? await this.checkedTeam(input.teamId) : null;
    const ownerId = actor.id;
    refuseUnlessEditable(actor, { scope, ownerId });
    const now = new Date();
    const row: CannedResponseEntity = {
      id: newId(), shortcode: checked(cleanShortcode(input.shortcode)), title: checked(cleanTitle(input.title)), scope,
      scopeKey: scopeKey(scope, ownerId, teamId), ownerId, teamId, variants: checked(cleanVariants(input.variants)),
      attachments: await this.checkedAttachments(input.attachmentIds ?? []), whatsappTemplate: checkedTemplate(input.whatsappTemplate),
      createdAt: now, updatedAt: now,
    };
    if (!(await this.repo.insert(row))) throw shortcodeTaken(row.shortcode);
    return this.saved(row, actor, announce);
  }

  /** Absent fields keep their value. Moving a response to another scope needs the right to write both. */
  async update(actor: CannedActor, id: string, input: Partial<CannedResponseInputDto>, announce = true): Promise<CannedResponseDto> {
    const current = await this.usable(actor, id);
    refuseUnlessEditable(actor, current);
    const scope = input.scope === undefined ? current.scope : checkedScope(input.scope);
    const teamId = scope !== 'team' ? null : input.teamId === undefined && current.teamId ? current.teamId : await this.checkedTeam(input.teamId);
    const ownerId = scope === 'personal' && current.scope !== 'personal' ? actor.id : current.ownerId;
    refuseUnlessEditable(actor, { scope, ownerId });
    const changes: Partial<CannedResponseEntity> = {
      shortcode: input.shortcode === undefined ? current.shortcode : checked(cleanShortcode(input.shortcode)),
      title: input.title === undefined ? current.title : checked(cleanTitle(input.title)),
      scope, teamId, ownerId, scopeKey: scopeKey(scope, ownerId, teamId),
      variants: input.variants === undefined ? current.variants : checked(cleanVariants(input.variants)),
      attachments: input.attachmentIds === undefined ? current.attachments : await this.checkedAttachments(input.attachmentIds),
      whatsappTemplate: input.whatsappTemplate === undefined ? current.whatsappTemplate : checkedTemplate(input.whatsappTemplate),
      updatedAt: new Date(),
    };
    if (!(await this.repo.update(id, changes))) throw shortcodeTaken(changes.shortcode!);
    return this.saved({ ...current, ...changes }, actor, announce);
  }

  async remove(actor: CannedActor, id: string): Promise<void> {
    refuseUnlessEditable(actor, await this.usable(actor, id));
    await this.repo.delete(id);
    this.announce(id);
  }

  /** Tells every console to re-read its list (`id` absent: many changed, as by an import). */
  announce(id?: string): void {
    this.realtime.toAgents(CANNED_EVENTS.changed, id ? { id } : {});
  }

  /** A team by id, or (CSV import) by name, ignoring case. */
  async teamNamed(idOrName: string): Promise<string | null> {
    const wanted = idOrName.trim().toLowerCase();
    return (await this.repo.teams()).find((t) => t.id === wanted || t.name.trim().toLowerCase() === wanted)?.id ?? null;
  }

  async teamNames(): Promise<Map<string, string>> {
    return new Map((await this.repo.teams()).map((t) => [t.id, t.name]));
  }

  private async checkedTeam(teamId: string | null | undefined): Promise<string> {
    if (!teamId) throw new BadRequestException('A team response needs teamId');
    const id = await this.teamNamed(teamId);
    if (!id) throw new BadRequestException(`Team ${teamId} not found`);
    return id;
  }

  private async checkedAttachments(ids: string[]): Promise<string[]> {
    if (ids.length > MAX_CANNED_ATTACHMENTS) throw new BadRequestException(`A canned response takes at most ${MAX_CANNED_ATTACHMENTS} attachments`);
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const found = await this.repo.attachments(unique);
    if (found.length !== unique.length) throw new BadRequestException('Unknown attachment');
    return unique;
  }

  private async dto(row: CannedResponseEntity, actor: CannedActor): Promise<CannedResponseDto> {
    return this.toDto(row, actor, await this.repo.attachments(row.attachments));
  }

  private toDto(r: CannedResponseEntity, actor: CannedActor, attachments: CannedResponseDto['attachments']): CannedResponseDto {
    return {
      id: r.id, shortcode: r.shortcode, title: r.title, scope: r.scope, ownerId: r.ownerId, teamId: r.teamId, variants: { ...r.variants },
      attachments, whatsappTemplate: r.whatsappTemplate, editable: mayEdit(actor, r), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    };
  }

  private async saved(row: CannedResponseEntity, actor: CannedActor, announce: boolean): Promise<CannedResponseDto> {
    if (announce) this.announce(row.id);
    return this.dto(row, actor);
  }
}

function checkedScope(scope: string): CannedScope {
  if (!(CANNED_SCOPES as readonly string[]).includes(scope)) throw new BadRequestException(`scope: "${scope}" is not one of ${CANNED_SCOPES.join(', ')}`);
  return scope as CannedScope;
}

function checkedTemplate(name: string | null | undefined): string | null {
  const value = (name ?? '').trim();
  if ([...value].length > TEMPLATE_MAX) throw new BadRequestException(`whatsappTemplate must be at most ${TEMPLATE_MAX} characters long`);
  return value || null;
}

function refuseUnlessEditable(actor: CannedActor, row: Pick<CannedResponseEntity, 'scope' | 'ownerId'>): void {
  if (mayEdit(actor, row)) return;
  throw new ForbiddenException(row.scope === 'personal' ? 'You can change only your own personal canned responses' : 'Only admins change team and shared canned responses');
}

const shortcodeTaken = (shortcode: string) => new ConflictException(`The shortcode "${shortcode}" is already used in this scope`);
