import { BadRequestException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { NewSavedView, Role, SavedViewChanges, SavedViewDto, ViewKind } from '@parley/contracts';
import { type ConversationFilter, type CustomerFilter, newId, validateViewFilter, VIEW_KINDS } from '@parley/domain';
import type { SavedViewEntity } from '@parley/persistence';
import { SAVED_VIEW_REPOSITORY, type SavedViewRepository } from './ports/saved-view.repository';

/** Who is asking: views are personal to their owner or shared with one of the owner's teams. */
export interface Viewer {
  id: string;
  role: Role;
}

const MAX_NAME = 100;

/** A view the viewer may see, with its filter typed for its kind. */
export type VisibleView =
  | (SavedViewEntity & { kind: 'conversations'; filters: ConversationFilter })
  | (SavedViewEntity & { kind: 'customers'; filters: CustomerFilter });

@Injectable()
export class SavedViewsService {
  constructor(@Inject(SAVED_VIEW_REPOSITORY) private readonly repo: SavedViewRepository) {}

  /** My personal views and those shared with my teams; an admin sees every shared view. */
  async list(viewer: Viewer): Promise<SavedViewDto[]> {
    const teamIds = await this.repo.teamIdsOf(viewer.id);
    const rows = await this.repo.visibleTo(viewer.id, teamIds, viewer.role === 'admin');
    return rows.map((row) => this.toDto(row, viewer));
  }

  /** The views themselves, for the api to count or page their matches. */
  async visible(viewer: Viewer): Promise<VisibleView[]> {
    const teamIds = await this.repo.teamIdsOf(viewer.id);
    return (await this.repo.visibleTo(viewer.id, teamIds, viewer.role === 'admin')) as VisibleView[];
  }

  /** One view the viewer may see; any other id is unknown to them (404). */
  async get(id: string, viewer: Viewer): Promise<VisibleView> {
    const row = await this.repo.view(id);
    if (!row || !(await this.canSee(row, viewer))) throw new NotFoundException(`View ${id} not found`);
    return row as VisibleView;
  }

  async create(input: NewSavedView, viewer: Viewer): Promise<SavedViewDto> {
    if (!VIEW_KINDS.includes(input.kind)) throw new BadRequestException(`kind must be one of ${VIEW_KINDS.join(', ')}`);
    const name = this.name(input.name);
    const filters = this.filters(input.kind, input.filters);
    const teamId = input.teamId ?? null;
    if (teamId) await this.checkTeam(teamId, viewer);
    const now = new Date();
    const row: SavedViewEntity = {
      id: newId(), kind: input.kind, name, filters, ownerId: viewer.id, teamId, position: await this.repo.nextPosition(viewer.id), createdAt: now, updatedAt: now,
    };
    await this.repo.insert(row);
    return this.toDto(row, viewer);
  }

  async update(id: string, changes: SavedViewChanges, viewer: Viewer): Promise<SavedViewDto> {
    const row = await this.editable(id, viewer);
    const next: Partial<SavedViewEntity> = { updatedAt: new Date() };
    if (changes.name !== undefined) next.name = this.name(changes.name);
    if (changes.filters !== undefined) next.filters = this.filters(row.kind, changes.filters);
    if (changes.teamId !== undefined) {
      if (changes.teamId) await this.checkTeam(changes.teamId, viewer);
      next.teamId = changes.teamId;
    }
    if (changes.position !== undefined) {
      if (!Number.isInteger(changes.position) || changes.position < 0) throw new BadRequestException('position must be a whole number, 0 or more');
      next.position = changes.position;
    }
    await this.repo.update(id, next);
    return this.toDto({ ...row, ...next }, viewer);
  }

  async delete(id: string, viewer: Viewer): Promise<void> {
    await this.editable(id, viewer);
    await this.repo.delete(id);
  }

  private async editable(id: string, viewer: Viewer): Promise<SavedViewEntity> {
    const row = await this.get(id, viewer);
    if (!this.mayEdit(row, viewer)) throw new ForbiddenException('Only the owner of a view or an admin may change it');
    return row;
  }

  private async canSee(row: SavedViewEntity, viewer: Viewer): Promise<boolean> {
    if (row.teamId === null) return row.ownerId === viewer.id;
    return viewer.role === 'admin' || row.ownerId === viewer.id || (await this.repo.teamIdsOf(viewer.id)).includes(row.teamId);
  }

  private mayEdit(row: SavedViewEntity, viewer: Viewer): boolean {
    return row.ownerId === viewer.id || viewer.role === 'admin';
  }

  /** A view is shared with a team its owner belongs to (an admin may share with any team). */
  private async checkTeam(teamId: string, viewer: Viewer): Promise<void> {
    if (!(await this.repo.teamExists(teamId))) throw new BadRequestException(`Team ${teamId} does not exist`);
    if (viewer.role !== 'admin' && !(await this.repo.teamIdsOf(viewer.id)).includes(teamId)) {
      throw new ForbiddenException('A view can be shared only with a team you belong to');
    }
  }

  private name(raw: unknown): string {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (!name || name.length > MAX_NAME) throw new BadRequestException(`name must be text of 1 to ${MAX_NAME} characters`);
    return name;
  }

  private filters(kind: ViewKind, raw: unknown): Record<string, unknown> {
    const result = validateViewFilter(kind, raw);
    if (!result.ok) throw new BadRequestException(result.errors);
    return result.filter as Record<string, unknown>;
  }

  private toDto(row: SavedViewEntity, viewer: Viewer): SavedViewDto {
    return {
      id: row.id, kind: row.kind, name: row.name, filters: row.filters, ownerId: row.ownerId, teamId: row.teamId, position: row.position,
      editable: this.mayEdit(row, viewer), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    };
  }
}
