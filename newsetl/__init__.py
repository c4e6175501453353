"""newsetl: scraped Korean news pages to an entity warehouse."""
