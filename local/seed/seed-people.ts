import type { Customer } from '../../shared/domain/feedback.schema.js';
import type { SeededRandom } from './seed-random.js';

/**
 * Who the seed data set talks about: teams of agents (also created as local users, ids are their
 * emails as `sub` in local tokens) and a pool of obviously fake customers (example.com /
 * example.com.br addresses, UK phone numbers from Ofcom's drama range).
 */

export type SeedLanguage = 'pt' | 'en';

export interface SeedAgent {
  readonly id: string;
  readonly name: string;
  readonly team: string;
}

export type SeedTopic =
  | 'delivery'
  | 'billing'
  | 'app'
  | 'support'
  | 'praise-agent'
  | 'praise-product'
  | 'question'
  | 'suggestion'
  | 'other';

/** First names are unique, so a customer naming one ("a Ana me ajudou") names exactly one agent. */
export const SEED_AGENTS: readonly SeedAgent[] = [
  { id: 'ana.souza@ouvidor.local', name: 'Ana Souza', team: 'support' },
  { id: 'bruno.lima@ouvidor.local', name: 'Bruno Lima', team: 'support' },
  { id: 'carla.mendes@ouvidor.local', name: 'Carla Mendes', team: 'support' },
  { id: 'diego.rocha@ouvidor.local', name: 'Diego Rocha', team: 'billing' },
  { id: 'elisa.prado@ouvidor.local', name: 'Elisa Prado', team: 'billing' },
  { id: 'fabio.nunes@ouvidor.local', name: 'Fábio Nunes', team: 'logistics' },
  { id: 'gabriela.costa@ouvidor.local', name: 'Gabriela Costa', team: 'logistics' },
  { id: 'henry.walker@ouvidor.local', name: 'Henry Walker', team: 'tech' },
  { id: 'isabel.martins@ouvidor.local', name: 'Isabel Martins', team: 'tech' },
  { id: 'james.porter@ouvidor.local', name: 'James Porter', team: 'support' },
];

export const SEED_TEAMS = ['support', 'billing', 'logistics', 'tech'] as const;

/** The team that handles a topic (rules that assign a team win over this). */
export const TEAM_OF_TOPIC: Readonly<Record<SeedTopic, (typeof SEED_TEAMS)[number]>> = {
  delivery: 'logistics',
  billing: 'billing',
  app: 'tech',
  support: 'support',
  'praise-agent': 'support',
  'praise-product': 'support',
  question: 'support',
  suggestion: 'tech',
  other: 'support',
};

export const agentsOf = (team: string): SeedAgent[] => SEED_AGENTS.filter((a) => a.team === team);
export const firstName = (agent: SeedAgent): string => agent.name.split(' ')[0]!;

const PT_FIRST = ['João', 'Mariana', 'Pedro', 'Juliana', 'Lucas', 'Camila', 'Rafael', 'Beatriz', 'Thiago', 'Larissa', 'Gustavo', 'Fernanda', 'Marcos', 'Patrícia', 'Rodrigo', 'Aline', 'Felipe', 'Renata', 'Vinícius', 'Tatiane'];
const PT_LAST = ['Silva', 'Santos', 'Oliveira', 'Pereira', 'Ferreira', 'Alves', 'Ribeiro', 'Carvalho', 'Gomes', 'Barbosa', 'Araújo', 'Cardoso', 'Teixeira', 'Moreira', 'Correia'];
const EN_FIRST = ['Emily', 'Michael', 'Sarah', 'David', 'Jessica', 'Daniel', 'Laura', 'Kevin', 'Rachel', 'Brian', 'Megan', 'Steven', 'Olivia', 'Jason', 'Hannah', 'Ryan'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Clark', 'Hall', 'Young', 'King'];

export interface SeedCustomer {
  readonly language: SeedLanguage;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly handle: string;
}

const slug = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '.');

/** `count` customers, about 65 % speaking Portuguese; index-numbered so that every address is unique. */
export function customerPool(random: SeededRandom, count: number): SeedCustomer[] {
  return Array.from({ length: count }, (_, i): SeedCustomer => {
    const language: SeedLanguage = random.chance(0.65) ? 'pt' : 'en';
    const first = random.pick(language === 'pt' ? PT_FIRST : EN_FIRST);
    const last = random.pick(language === 'pt' ? PT_LAST : EN_LAST);
    const n = String(i + 1).padStart(4, '0');
    return {
      language,
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}.${n}@${language === 'pt' ? 'example.com.br' : 'example.com'}`,
      // Brazilian mobiles in São Paulo's area with a 90000 prefix; English speakers get UK numbers
      // from the range Ofcom keeps for drama (07700 900000-900999).
      phone: language === 'pt' ? `+55 11 90000-${n}` : `+44 7700 900${String(i % 1000).padStart(3, '0')}`,
      handle: `${slug(first).replace(/\./g, '')}_${n}`,
    };
  });
}

/** What a channel knows about the customer who wrote. */
export function customerFor(channel: string, c: SeedCustomer, random: SeededRandom): Customer {
  switch (channel) {
    case 'social':
      return { handle: c.handle, name: c.name };
    case 'phone':
      return { phone: c.phone, name: c.name };
    case 'web':
      return random.chance(0.3) ? { email: c.email, name: c.name, phone: c.phone } : { email: c.email, name: c.name };
    default:
      return { email: c.email, name: c.name };
  }
}
