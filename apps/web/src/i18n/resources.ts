import en from './locales/en.json';
import esMX from './locales/es-MX.json';

type Tree = { [key: string]: string | Tree };

/**
 * Each feature may keep its strings in its own file, `locales/<lang>/<feature>.json`, so
 * that features can change their wording without touching one shared file. A feature file
 * adds top-level sections (and may add its own error-code groups under `errors`); a section
 * defined twice is a mistake and fails loudly.
 */
const featureFiles = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function withFeatures(base: Tree, language: string): Tree {
  const merged: Tree = { ...base };
  for (const [path, tree] of Object.entries(featureFiles)) {
    if (!path.startsWith(`./locales/${language}/`)) continue;
    for (const [section, value] of Object.entries(tree)) {
      // skills: a feature may also translate its own error codes, as new groups under `errors` (errors.JOBS.*).
      if (section === 'errors' && typeof value === 'object' && typeof merged.errors === 'object') {
        const errors: Tree = { ...merged.errors };
        for (const [group, texts] of Object.entries(value)) {
          if (group in errors) throw new Error(`Locale section "errors.${group}" of ${path} is already defined for ${language}.`);
          errors[group] = texts;
        }
        merged.errors = errors;
        continue;
      }
      if (section in merged) throw new Error(`Locale section "${section}" of ${path} is already defined for ${language}.`);
      merged[section] = value;
    }
  }
  return merged;
}

export const translations = {
  'es-MX': withFeatures(esMX as Tree, 'es-MX'),
  en: withFeatures(en as Tree, 'en'),
};
