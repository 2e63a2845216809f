import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Deploy straight from a Hugging Face repository.' })
export class HuggingFaceSourceInput {
  @Field(() => String, { description: 'Repository id, e.g. "TheBloke/Mistral-7B-Instruct-v0.2-GGUF".' })
  repoId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A stored connection whose token may read the repository (private or gated repositories).',
  })
  connectionId?: string | null;
}
