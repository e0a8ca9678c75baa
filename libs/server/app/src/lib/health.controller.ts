import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@aiwr/server-access';

@Public() // liveness checks run without a session
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async health() {
    const [{ migrations }] = await this.db.query(`select count(*)::int as migrations from schema_migration`);
    return { status: 'ok', database: 'up', migrations };
  }
}
