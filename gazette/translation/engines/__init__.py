"""Translation engines behind one interface (`base.TranslationEngine`), chosen by `registry`."""
