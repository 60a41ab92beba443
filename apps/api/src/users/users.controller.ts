import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, USER_LOCALES, type Role, type UserDto, type UserLocale } from '@parley/contracts';
import { PASSWORD_MIN_LENGTH } from '@parley/domain';
import { AuthUser, CurrentUser, RequireRole } from '../auth/auth.decorators';
import { IsEmailAddress, IsStorableText } from '../auth/text-fields';
import { IdPipe } from '../http/id.pipe';
import { UsersService } from './users.service';

const PASSWORD_DOC = { minLength: PASSWORD_MIN_LENGTH, description: 'At least 10 characters, at most 72 bytes, not a common password' };

class CreateUserBody {
  @ApiProperty() @IsStorableText() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty() @IsEmailAddress() @MaxLength(320) email: string;
  // The policy itself (length, bytes, deny-list) is UsersService's, so every way of setting one shares it.
  @ApiProperty(PASSWORD_DOC) @IsString() @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as Role[]) role: Role;
}

/** Absent fields stay as they are; null is not "clear" for any of them, so it is refused (ValidateIf, not IsOptional). */
const present = ValidateIf((_: unknown, value: unknown) => value !== undefined);

class UpdateUserBody {
  @ApiPropertyOptional() @present @IsStorableText() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @present @IsIn(ROLES as Role[]) role?: Role;
  @ApiPropertyOptional(PASSWORD_DOC) @present @IsString() @MaxLength(200) password?: string;
  @ApiPropertyOptional({ description: 'true: no sign-in, and every session and live socket ends now' }) @present @IsBoolean() disabled?: boolean;
}

class UpdateMeBody {
  @ApiProperty({ enum: USER_LOCALES, nullable: true, description: "The console language; null: follow the browser's" })
  @IsIn([...USER_LOCALES, null], { message: `locale must be one of: ${USER_LOCALES.join(', ')}, or null` })
  locale: UserLocale | null;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Any agent may list teammates (the assignment picker needs them). */
  @Get()
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @RequireRole('admin')
  @Post()
  create(@Body() body: CreateUserBody): Promise<UserDto> {
    return this.users.create(body);
  }

  /** Any signed-in user's own preferences; declared before `:id` so "me" is not taken for an id. */
  @Patch('me')
  updateMe(@Body() body: UpdateMeBody, @CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.setLocale(user.id, body.locale);
  }

  @RequireRole('admin')
  @Patch(':id')
  update(@Param('id', IdPipe) id: string, @Body() body: UpdateUserBody, @CurrentUser() actor: AuthUser): Promise<UserDto> {
    return this.users.update(id, body, actor.id);
  }
}
