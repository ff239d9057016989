"""Open data and find-ability: Open Referral UK 3.0, schema.org JSON-LD, robots.txt, sitemap.xml and security.txt."""
