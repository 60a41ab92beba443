import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { LABEL_EVENTS, type LabelDto, type LabelInputDto } from '@parley/contracts';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { LABEL_NAME_MAX, labelColour, labelNameKey, labelNames, newId, type LabelNames } from '@parley/domain';
import type { LabelEntity } from '@parley/persistence';
import { toLabelDto } from './label.mapper';
import { LABELS_REPOSITORY, type LabelsRepository, type LabelsUnitOfWork } from './ports/labels.repository';

/** The labels admins define: a name in each language (unique once folded) and a colour. */
@Injectable()
export class LabelsService {
  constructor(
    @Inject(LABELS_REPOSITORY) private readonly repo: LabelsRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async list(): Promise<LabelDto[]> {
    return (await this.repo.list()).map(toLabelDto);
  }

  async create(input: LabelInputDto): Promise<LabelDto> {
    const names = checkedNames(input);
    const colour = checkedColour(input.colour);
    const now = new Date();
    const label: LabelEntity = { id: newId(), ...names, colour, createdAt: now, updatedAt: now };
    await this.repo.transaction(async (tx) => {
      await refuseNamesakes(tx, names, null);
      if (!(await tx.insertLabel(label))) throw nameTaken(names);
    });
    return this.saved(label);
  }

  /** Absent fields keep their value; a name sent blank takes the other language's. */
  async update(id: string, input: Partial<LabelInputDto>): Promise<LabelDto> {
    const label = await this.repo.transaction(async (tx) => {
      const current = await tx.label(id);
      if (!current) throw new NotFoundException(`Label ${id} not found`);
      const names = checkedNames({ nameEn: input.nameEn ?? current.nameEn, nameRu: input.nameRu ?? current.nameRu });
      const changes = { ...names, colour: input.colour === undefined ? current.colour : checkedColour(input.colour), updatedAt: new Date() };
      await refuseNamesakes(tx, names, id);
      if (!(await tx.updateLabel(id, changes))) throw nameTaken(names);
      return { ...current, ...changes };
    });
    return this.saved(label);
  }

  /** The label goes from every conversation too; their timelines keep the events that named it. */
  async remove(id: string): Promise<void> {
    await this.repo.transaction(async (tx) => {
      if (!(await tx.label(id))) throw new NotFoundException(`Label ${id} not found`);
      await tx.deleteLabel(id);
    });
    this.realtime.toAgents(LABEL_EVENTS.deleted, { id });
  }

  private saved(label: LabelEntity): LabelDto {
    const dto = toLabelDto(label);
    this.realtime.toAgents(LABEL_EVENTS.saved, dto);
    return dto;
  }
}

function checkedNames(input: { nameEn?: string | null; nameRu?: string | null }): LabelNames {
  const names = labelNames(input);
  if (names.ok) return names.value;
  if (names.problem === 'name_too_long') throw new BadRequestException(`A label name must be at most ${LABEL_NAME_MAX} characters long`);
  throw new BadRequestException('A label needs a name in English or in Russian');
}

function checkedColour(colour: string | undefined): string {
  const value = labelColour(colour);
  if (!value) throw new BadRequestException(`colour: "${colour ?? ''}" is not a #rrggbb colour`);
  return value;
}

async function refuseNamesakes(tx: LabelsUnitOfWork, names: LabelNames, exceptId: string | null): Promise<void> {
  const [namesake] = await tx.namesakes(names, exceptId);
  if (!namesake) return;
  const sameEn = labelNameKey(namesake.nameEn) === labelNameKey(names.nameEn);
  throw new ConflictException(`A label named "${sameEn ? names.nameEn : names.nameRu}" already exists`);
}

const nameTaken = (names: LabelNames) => new ConflictException(`A label named "${names.nameRu}" already exists`);
