//! `kbgen init`: a starter site (site.yaml, one category, one article per locale,
//! contact.yaml commented out) that builds and passes `kbgen check --strict` as it
//! is, so a new writer starts from something that works.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::diagnostic::{Diagnostic, Error, Result};

/// The starter text of one language.
struct Starter {
    code: &'static str,
    /// The language's name in itself, for the language switcher.
    name: &'static str,
    home: (&'static str, &'static str),
    category: (&'static str, &'static str),
    article: (&'static str, &'static str),
    /// The article's text; `{next}` is the heading of its one section.
    intro: &'static str,
    next: &'static str,
    steps: &'static str,
}

/// Every language with built-in UI strings: a starter in another one would fail
/// `check --strict` on its first run (every message missing).
const STARTERS: &[Starter] = &[
    Starter {
        code: "en",
        name: "English",
        home: ("Help center", "Answers to your questions"),
        category: ("Getting started", "The first steps"),
        article: ("Welcome", "What this help center is for"),
        intro: "This is your first article. Edit it in",
        next: "Next steps",
        steps: "Add articles next to this one, run `kbgen serve` to see them as you write, and `kbgen check` before you publish.",
    },
    Starter {
        code: "es",
        name: "Español",
        home: ("Centro de ayuda", "Respuestas a tus preguntas"),
        category: ("Primeros pasos", "Para empezar"),
        article: ("Bienvenida", "Para qué sirve este centro de ayuda"),
        intro: "Este es tu primer artículo. Edítalo en",
        next: "Próximos pasos",
        steps: "Añade artículos junto a este, usa `kbgen serve` para verlos mientras escribes y `kbgen check` antes de publicar.",
    },
    Starter {
        code: "it",
        name: "Italiano",
        home: ("Centro assistenza", "Risposte alle tue domande"),
        category: ("Per iniziare", "I primi passi"),
        article: ("Benvenuto", "A cosa serve questo centro assistenza"),
        intro: "Questo è il tuo primo articolo. Modificalo in",
        next: "Prossimi passi",
        steps: "Aggiungi articoli accanto a questo, usa `kbgen serve` per vederli mentre scrivi e `kbgen check` prima di pubblicare.",
    },
    Starter {
        code: "fr",
        name: "Français",
        home: ("Centre d'aide", "Les réponses à vos questions"),
        category: ("Premiers pas", "Pour commencer"),
        article: ("Bienvenue", "À quoi sert ce centre d'aide"),
        intro: "Voici votre premier article. Modifiez-le dans",
        next: "Étapes suivantes",
        steps: "Ajoutez des articles à côté de celui-ci, lancez `kbgen serve` pour les voir pendant que vous écrivez, et `kbgen check` avant de publier.",
    },
    Starter {
        code: "nl",
        name: "Nederlands",
        home: ("Helpcentrum", "Antwoorden op je vragen"),
        category: ("Aan de slag", "De eerste stappen"),
        article: ("Welkom", "Waar dit helpcentrum voor is"),
        intro: "Dit is je eerste artikel. Bewerk het in",
        next: "Volgende stappen",
        steps: "Zet nieuwe artikelen naast dit artikel, bekijk ze met `kbgen serve` terwijl je schrijft, en draai `kbgen check` voordat je publiceert.",
    },
    Starter {
        code: "de",
        name: "Deutsch",
        home: ("Hilfe-Center", "Antworten auf Ihre Fragen"),
        category: ("Erste Schritte", "Der Einstieg"),
        article: ("Willkommen", "Wofür dieses Hilfe-Center da ist"),
        intro: "Das ist Ihr erster Artikel. Bearbeiten Sie ihn in",
        next: "Nächste Schritte",
        steps: "Legen Sie weitere Artikel neben diesen, sehen Sie sie mit `kbgen serve` beim Schreiben, und prüfen Sie mit `kbgen check` vor dem Veröffentlichen.",
    },
    Starter {
        code: "zh",
        name: "中文",
        home: ("帮助中心", "解答您的问题"),
        category: ("入门", "第一步"),
        article: ("欢迎", "这个帮助中心的用途"),
        intro: "这是您的第一篇文章。请在此文件中编辑：",
        next: "下一步",
        steps: "在这篇文章旁边添加新文章，写作时用 `kbgen serve` 预览，发布前运行 `kbgen check`。",
    },
    Starter {
        code: "pt",
        name: "Português",
        home: ("Central de ajuda", "Respostas para as suas perguntas"),
        category: ("Primeiros passos", "Para começar"),
        article: ("Boas-vindas", "Para que serve esta central de ajuda"),
        intro: "Este é o seu primeiro artigo. Edite-o em",
        next: "Próximos passos",
        steps: "Adicione artigos ao lado deste, use `kbgen serve` para vê-los enquanto escreve e `kbgen check` antes de publicar.",
    },
    Starter {
        code: "pl",
        name: "Polski",
        home: ("Centrum pomocy", "Odpowiedzi na Twoje pytania"),
        category: ("Pierwsze kroki", "Na początek"),
        article: ("Witamy", "Do czego służy to centrum pomocy"),
        intro: "To jest Twój pierwszy artykuł. Edytuj go w pliku",
        next: "Następne kroki",
        steps: "Dodawaj artykuły obok tego, oglądaj je podczas pisania dzięki `kbgen serve` i uruchom `kbgen check` przed publikacją.",
    },
];

/// The locales a starter site gets without `--locales`.
pub const DEFAULT_LOCALES: &[&str] = &["en"];

const CATEGORY: &str = "getting-started";
const ARTICLE: &str = "welcome";

/// contact.yaml, commented out: a site has no contact flow until it is filled in.
const CONTACT: &str = "\
# The contact flow: uncomment and fill in to give every locale a contact page
# (see \"Contact flow\" in kbgen's README). While every line is a comment, the
# site has no contact flow.
#
# channels:
#   email:
#     endpoint: https://support.example.org/contact   # the form POSTs here
# topics:
#   - { id: general, channels: [email] }
";

/// Writes a starter site into `dir` (created if needed) with `locales`, the first
/// being the default. Nothing that exists is overwritten. Returns the files
/// written, relative to `dir`.
pub fn init(dir: &Path, locales: &[String]) -> Result<Vec<PathBuf>> {
    let starters = starters(locales)?;
    let files = files(&starters);
    let taken: Vec<String> = std::iter::once(PathBuf::from("content"))
        .chain(files.iter().map(|(p, _)| p.clone()))
        .filter(|p| dir.join(p).exists())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Config(Diagnostic::error(
            dir,
            format!(
                "this folder already has {}: kbgen init only starts new sites; pick an empty folder, e.g. `kbgen init help-center`",
                taken.join(", ")
            ),
        )));
    }
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    // Translations made from the current English text are up to date: stamp them,
    // so that `check --strict` passes from the start.
    let translations: Vec<String> = starters[1..].iter().map(|s| s.code.to_string()).collect();
    if !translations.is_empty() {
        let config = Config::load(dir, &Overrides::default())?;
        crate::check::stamp::stamp(&config, &translations)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn starters(codes: &[String]) -> Result<Vec<&'static Starter>> {
    let known: Vec<&str> = STARTERS.iter().map(|s| s.code).collect();
    let mut out: Vec<&'static Starter> = Vec::new();
    for code in codes {
        let Some(s) = STARTERS.iter().find(|s| s.code == code) else {
            return Err(usage(format!(
                "kbgen has no built-in UI strings for `{code}`; start with some of {} and add the locale later (site.yaml and locales/{code}/*.ftl)",
                known.join(", ")
            )));
        };
        if out.iter().any(|o| o.code == s.code) {
            return Err(usage(format!("locale `{code}` is listed twice")));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err(usage(
            "--locales is empty: name at least one, e.g. `--locales en,de`".into(),
        ));
    }
    Ok(out)
}

fn usage(message: String) -> Error {
    Error::Config(Diagnostic::error("--locales", message))
}

/// Every file of the starter site, relative to its folder.
fn files(starters: &[&Starter]) -> Vec<(PathBuf, String)> {
    let default = starters[0].code;
    let mut site = format!(
        "# kbgen site configuration; see \"Content layout\" in kbgen's README.\n\
         base_url: https://help.example.org   # where the site will be published\n\
         default_locale: {default}\n\
         locales:                              # order = order of the language switcher\n"
    );
    for s in starters {
        site.push_str(&format!("  - {{ code: {}, name: {} }}\n", s.code, s.name));
    }
    let mut files = vec![
        (PathBuf::from(CONFIG_FILE), site),
        (PathBuf::from("contact.yaml"), CONTACT.to_string()),
        (PathBuf::from(".gitignore"), "/public/\n".to_string()),
    ];
    for s in starters {
        // The built-in site title is the example's: the starter names its own,
        // where the writer will look for it.
        let title = format!(
            "# UI strings of this site; they override kbgen's built-in ones.\nsite-title = {}\n",
            s.home.0
        );
        files.push((
            PathBuf::from("locales").join(s.code).join("site.ftl"),
            title,
        ));
        let dir = PathBuf::from("content").join(s.code);
        let article = dir.join(CATEGORY).join(format!("{ARTICLE}.md"));
        files.push((dir.join("_index.md"), page(s.home, "")));
        files.push((
            dir.join(CATEGORY).join("_index.md"),
            page(s.category, "order: 1\n"),
        ));
        let body = format!(
            "{} `{}`.\n\n## {} {{#next-steps}}\n\n{}\n",
            s.intro,
            article.display(),
            s.next,
            s.steps
        );
        files.push((article, page(s.article, "order: 1\n") + "\n" + &body));
    }
    files
}

/// A Markdown file with front matter and no body.
fn page((title, description): (&str, &str), extra: &str) -> String {
    format!("---\ntitle: {title}\ndescription: {description}\n{extra}---\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_repeated_locales_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = init(dir.path(), &["en".into(), "xx".into()]).unwrap_err();
        assert!(
            err.to_string().contains("no built-in UI strings for `xx`"),
            "{err}"
        );
        let err = init(dir.path(), &["en".into(), "en".into()]).unwrap_err();
        assert!(err.to_string().contains("listed twice"), "{err}");
        assert!(!dir.path().join("site.yaml").exists(), "nothing written");
    }
}
