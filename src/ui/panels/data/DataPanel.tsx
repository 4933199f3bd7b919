// Placeholder created by the shell so the section exists; the data stage's owner replaces it.
export function DataPanel() {
  return (
    <section aria-label="Data">
      <h2>Data</h2>
      <p>This stage is not built yet.</p>
    </section>
  );
}
