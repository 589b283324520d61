/** Test helper: synthetic event cards for the card-scoring tests (no article text involved). */
import type { EventCard, Guest, Person, Sourced } from '../types.js';

export const sourced = <T>(value: T): Sourced<T> => ({ value, sentence: 'Câu gốc.' });
export const sourcedPerson = (name: string): Sourced<Person> => sourced({ name, role: 'Bí thư' });
export const sourcedGuest = (name: string, directs = false): Sourced<Guest> => sourced({ name, role: 'Bí thư', directs });

/** A card with every field absent (event "other") unless given; extra properties stand for fields a later EventCard may add. */
export function syntheticCard(over: Partial<EventCard> & Record<string, unknown> = {}): EventCard {
  return {
    articleId: 'a.txt',
    title: sourced('Tiêu đề'),
    publishedAt: null,
    meetingDate: null,
    meetingEndDate: null,
    unit: null,
    event: sourced('other'),
    meetingNumber: null,
    congressNumber: null,
    khoa: null,
    term: null,
    chairs: [],
    openedBy: null,
    concludedBy: null,
    chairNote: null,
    attendees: [],
    attendeeGroups: [],
    author: null,
    figures: [],
    sourceSite: null,
    ...over,
  } as EventCard;
}
