import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role, type UserDto } from '@parley/contracts';
import { RequireRole } from '../auth/auth.decorators';
import { UsersService } from './users.service';

class CreateUserBody {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty() @IsEmail() @MaxLength(320) email: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as Role[]) role: Role;
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
}
