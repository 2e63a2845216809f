import { Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { Role } from '../user/role.js';
import { requireRole } from '../user/viewer.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';

@ObjectType('GpuSpec', { description: 'GPUs of a hardware profile.' })
export class GpuSpecView {
  @Field(() => String, { description: 'GPU model, e.g. "NVIDIA A10G".' })
  model!: string;

  @Field(() => Int, { description: 'Number of GPUs.' })
  count!: number;

  @Field(() => Float, { description: 'Memory per GPU in GiB.' })
  memoryGiB!: number;
}

@ObjectType('HardwareProfile', { description: 'A hardware choice of the deploy wizard.' })
export class HardwareProfileView {
  @Field(() => String, { description: 'Id to pass as hardwareProfileId.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'What it is.' })
  description!: string;

  @Field(() => String, { description: 'Runtime that can place it: local or nomad.' })
  runtime!: string;

  @Field(() => String, { nullable: true, description: 'Cloud instance type it mirrors, if any.' })
  instanceType!: string | null;

  @Field(() => Int, { description: 'CPU cores per replica.' })
  cpuCores!: number;

  @Field(() => Float, { description: 'Memory per replica in GiB.' })
  memoryGiB!: number;

  @Field(() => GpuSpecView, { nullable: true, description: 'GPUs per replica; null for CPU-only.' })
  gpu!: GpuSpecView | null;

  @Field(() => Float, {
    nullable: true,
    description: 'What one replica costs per hour, in `currency`; null when unknown.',
  })
  pricePerReplicaHour?: number | null;

  @Field(() => String, { description: 'Currency of the price (HANGAR_COST_CURRENCY, default USD).' })
  currency!: string;
}

@ObjectType('HardwareProfileOption', {
  description: 'A hardware profile and whether this server can use it.',
})
export class HardwareProfileOption extends HardwareProfileView {
  @Field(() => Boolean, { description: 'True when this server’s runtime can place it.' })
  available!: boolean;
}

@Resolver()
export class HardwareResolver {
  constructor(
    private readonly profiles: readonly HardwareProfile[],
    private readonly runtime: Runtime,
  ) {}

  @Query(() => [HardwareProfileOption], {
    description: 'Hardware profiles; those of another runtime are listed with available: false.',
  })
  hardwareProfiles(@Ctx() ctx: HangarContext): HardwareProfileOption[] {
    requireRole(ctx.viewer, Role.VIEWER, 'Listing hardware');
    return this.profiles.map((p) => ({
      ...p,
      available: p.runtime === this.runtime.name,
    }));
  }
}
