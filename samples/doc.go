// Package samples holds eight fictional news articles with gold annotations, written for
// the factions project as test data.
//
// Every person, party and newspaper in them is invented; the countries and cities are real
// only as settings. The articles form one storyline (2023–2025) about the Jatiya Nabajagaran
// Dal (JND), its breakaway faction JND (Gonotantrik) and the Sammilito Nagorik Dal (SND),
// told in the house styles of Bangladeshi, British, Indian, Malaysian, Kenyan and US papers,
// so that a knowledge base built from them can answer time and contest questions.
// STORY.md lists the cross-article facts that tests assert against.
//
// Each NN-slug.txt starts with a front-matter block (title, source, url, date) followed by a
// blank line and the article; NN-slug.gold.json beside it is its gold annotation in the
// interchange format of the evaluation (FORMAT.md), with an "article" block naming the file.
package samples
