// Package popolo exports the knowledge base as Popolo JSON
// (http://www.popoloproject.com/specs/): persons, organizations, posts and
// the memberships that tie them, each membership citing the articles and
// sentences it was read from.
//
// Export reads a factions.Store through its interface only (Entities,
// Claims and Article) and Write encodes the result. Every object uses only
// properties that the Popolo draft-03 JSON schemas define; the tests check
// the output against those schemas (../shared/popolo/schemas).
//
// # What is exported
//
// Only asserted claims are read: rejected claims, denied claims and hedged
// claims are left out, so nothing in the export rests on a claim that is
// merely reported as possible or that someone denies.
//
// Persons and organizations are the entities of those types, identified as
// "person/ID" and "organization/ID" by their store IDs, with their aliases
// as other_names and, as sources, the articles whose claims name them.
// Places are not exported as areas; they appear in the labels of posts.
//
// An organization's parent_id is the object of its earliest faction_of or
// part_of claim. Its classification is "faction" when that claim is a
// faction_of, "committee" or "internal body" (by its name) when it is a
// part_of, else "legislature" when something has seats in it, "party" when
// it has seats in a legislature, and "organization" otherwise. Its
// founding_date is the date of its earliest founded claim or, for a faction
// with none, of its earliest faction_of claim; its dissolution_date is the
// date of its earliest merged_into claim.
//
// Memberships come from member_of (role "member"), leads (role "leader"),
// holds_post (the claim's role, with a post) and founded (role "founder")
// claims. A membership lasts as factions.StateAsOf has it over the asserted
// claims: from the date of the claim that states it as current, until a
// claim dated on or after it closes it (the same fact stated as former, a
// left of the same person and organization, or the person's died_in), whose
// date is the end_date. A fact stated again after it was closed opens a
// new membership. A post or membership known only as a former one has an
// end_date but no start_date;
// a left with no other tie of that person to that organization gives a
// membership with no role that ends on its date. A person member is named
// by person_id; an organization that is a member of another (a member_of
// whose subject is an organization) by member, {"@type": "Organization",
// "id": ...}. A post held at a place has no organization_id and the place
// in its label ("governor, Sindh"). A founder's membership starts on the
// date of the earliest founded claim and does not end.
//
// Dates are those of the articles that report the claims (YYYY-MM-DD, UTC):
// they are when a fact was reported, which bounds when it began or ended,
// not the date the event took place.
//
// Each membership's sources are the claims behind it, one link each: the
// article's URL (or "factions:article/ID" when it has none) with a note
// holding the evidence sentence, the paper and the date. Membership IDs are
// "membership/ID" after the ID of the earliest claim behind it, so they stay
// the same from one export to the next; posts are numbered "post/N" in the
// order of the claims that first name them.
package popolo
