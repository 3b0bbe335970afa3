import MixdownLang
public enum MixdownDocs {}
