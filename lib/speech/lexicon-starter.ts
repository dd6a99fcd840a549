import type { LexiconEntry } from "./lexicon";

// The lexicon a new Crier starts with, until an operator saves their own for a language:
// New Zealand place names and common te reo Māori words in English posts, said by the
// Māori voice (espeak-ng's `mi` reads Māori spelling as it is meant: "wh" as f, long
// vowels long). Names often written without macrons get them back as a respelling.
// Words with a macron are recognised as Māori without an entry (lib/speech/speech-runs.ts).

const MAORI = "mi";

const PLACE_NAMES: [written: string, said?: string][] = [
  ["Aotearoa"], ["Whangarei", "Whangārei"], ["Whangārei"], ["Poneke", "Pōneke"], ["Pōneke"], ["Te Papa"],
  ["Te Whanganui-a-Tara"], ["Tamaki Makaurau", "Tāmaki Makaurau"], ["Tāmaki Makaurau"], ["Otautahi", "Ōtautahi"], ["Ōtautahi"],
  ["Tauranga"], ["Taupo", "Taupō"], ["Taupō"], ["Rotorua"], ["Whakatane", "Whakatāne"], ["Whakatāne"], ["Whanganui"],
  ["Paraparaumu"], ["Kapiti", "Kāpiti"], ["Kāpiti"], ["Otaki", "Ōtaki"], ["Ōtaki"], ["Manawatu", "Manawatū"], ["Manawatū"],
  ["Wairarapa"], ["Waitangi"], ["Waiheke"], ["Rangitoto"], ["Maungakiekie"], ["Kaikoura", "Kaikōura"], ["Kaikōura"],
  ["Hokitika"], ["Matamata"], ["Te Awamutu"], ["Ngaruawahia", "Ngāruawāhia"], ["Ngāruawāhia"], ["Te Tai Tokerau"],
  ["Kirikiriroa"], ["Tairawhiti", "Tairāwhiti"], ["Tairāwhiti"], ["Ruapehu"], ["Taranaki"],
  ["Waikato"], ["Ōtākou"], ["Murihiku"], ["Te Waipounamu"], ["Te Ika-a-Maui", "Te Ika-a-Māui"],
];

const WORDS: [written: string, said?: string][] = [
  ["kia ora"], ["tena koe", "tēnā koe"], ["tēnā koe"], ["tena koutou", "tēnā koutou"], ["tēnā koutou"], ["nga mihi", "ngā mihi"],
  ["ngā mihi"], ["morena", "mōrena"], ["mōrena"], ["haere mai"], ["nau mai"], ["whanau", "whānau"], ["whānau"], ["marae"],
  ["hui"], ["kai"], ["mahi"], ["aroha"], ["tamariki"], ["rangatahi"], ["kaumatua", "kaumātua"], ["kaumātua"], ["iwi"], ["hapu", "hapū"],
  ["hapū"], ["whenua"], ["tangata whenua"], ["kaitiaki"], ["kaitiakitanga"], ["manaakitanga"], ["whanaungatanga"], ["Matariki"],
  ["Maori", "Māori"], ["Māori"], ["Pakeha", "Pākehā"], ["Pākehā"], ["kōrero"], ["korero", "kōrero"], ["powhiri", "pōwhiri"], ["pōwhiri"],
  ["hangi", "hāngī"], ["hāngī"], ["waka"], ["te reo"], ["te reo Māori"], ["karakia"], ["waiata"], ["kapa haka"], ["haka"],
  ["mihi"], ["koha"], ["puna kaukau"], ["wharekai"], ["wharenui"], ["kura"], ["kaupapa"],
];

/** The starter lexicon for a language (only English has one), used until an operator saves theirs. */
export function getStarterLexicon(language: string): LexiconEntry[] {
  if (language !== "en") return [];
  return [...PLACE_NAMES, ...WORDS].map(([word, said]) => ({ word, language: MAORI, ...(said ? { respelling: said } : {}) }));
}
