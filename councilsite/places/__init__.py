"""Places to get online: free WiFi, public computers and help, as a directory and open data."""
