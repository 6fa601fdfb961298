import { Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxLength,
  required,
  useGetList,
} from 'react-admin';
import { validateEventDate } from './event-date';
import { ACTOR_ROLES, EVENT_KINDS, choices } from './types';

interface Actor {
  id: string;
  code: string;
  name: string;
}

interface Tag {
  id: string;
  slug: string;
  eventCount: number;
}

const ALL = { pagination: { page: 1, perPage: 1000 } };

/** Tags from the API, plus any the editor creates here (the API creates a tag on first use). */
function TagsInput() {
  const { data = [] } = useGetList<Tag>('tags', ALL);
  const [created, setCreated] = useState<string[]>([]);
  const tagChoices = useMemo(
    () => [
      ...data.map((t) => ({ id: t.slug, name: `${t.slug} (${t.eventCount})` })),
      ...created.map((t) => ({ id: t, name: `${t} (new)` })),
    ],
    [data, created],
  );
  return (
    <AutocompleteArrayInput
      source="tags"
      label="Tags"
      choices={tagChoices}
      createLabel="Type a new tag and press Enter"
      onCreate={(text?: string) => {
        const slug = (text ?? '').trim().toLowerCase().replace(/\s+/g, '-');
        if (!slug) return undefined;
        setCreated((c) => [...c, slug]);
        return { id: slug, name: `${slug} (new)` };
      }}
      fullWidth
    />
  );
}

/** The inputs of the event editor, each labelled; their names match the API's error paths. */
export function EventFields() {
  const { data: actors = [] } = useGetList<Actor>('actors', ALL);
  const actorChoices = actors.map((a) => ({ id: a.code, name: `${a.name} (${a.code})` }));
  return (
    <>
      <TextInput source="title" label="Title" validate={[required(), maxLength(300)]} fullWidth />
      <TextInput source="date" label="Date" helperText="2025, 2025-04 or 2025-04-02" validate={[required(), validateEventDate]} />
      <TextInput source="endDate" label="End date" helperText="Optional; same forms" validate={validateEventDate} />
      <SelectInput source="kind" label="Kind" choices={choices(EVENT_KINDS)} validate={required()} />
      <TextInput source="summary" label="Summary" multiline minRows={3} fullWidth />
      <Typography variant="h6" component="h2">
        Actors
      </Typography>
      <ArrayInput source="actors" label={false}>
        <SimpleFormIterator inline disableReordering>
          <AutocompleteInput source="code" label="Actor" choices={actorChoices} validate={required()} />
          <SelectInput source="role" label="Role" choices={choices(ACTOR_ROLES)} defaultValue="participant" validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
      <TagsInput />
      <Typography variant="h6" component="h2">
        Sources
      </Typography>
      <ArrayInput source="sources" label={false}>
        <SimpleFormIterator disableReordering>
          <TextInput source="url" label="URL" validate={required()} fullWidth />
          <TextInput source="publisher" label="Publisher" validate={required()} />
          <TextInput source="title" label="Source title" />
          <TextInput source="publishedAt" label="Published on" helperText="e.g. 2025-04-02" />
          <TextInput source="quote" label="Quote" multiline fullWidth />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}
