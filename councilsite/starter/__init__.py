"""The starter site `councilsite new site` writes for a new council."""
