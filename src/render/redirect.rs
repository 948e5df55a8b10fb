//! The page left at an old URL (an alias): it sends the reader on with a meta
//! refresh, tells search engines where the page is now, and needs no script.

use tera::Context;

use super::Renderer;
use crate::aliases::Redirect;
use crate::diagnostic::Diagnostic;
use crate::resolve::Site;

impl Renderer {
    pub fn redirect(&self, site: &Site, redirect: &Redirect) -> Result<String, Diagnostic> {
        let locale = &site.config().locales[redirect.locale];
        let mut ctx = Context::new();
        ctx.insert("lang", &locale.lang);
        ctx.insert("locale", &locale.code);
        ctx.insert("dir", locale.dir());
        ctx.insert("target", &redirect.to);
        ctx.insert("canonical", &site.absolute(&redirect.to));
        ctx.insert("title", site.sources()[redirect.source].front.title());
        self.render("redirect.html", &ctx)
    }
}
