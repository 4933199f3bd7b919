// Placeholder created by the shell so the section exists; the train stage's owner replaces it.
export function TrainPanel() {
  return (
    <section aria-label="Train">
      <h2>Train</h2>
      <p>This stage is not built yet.</p>
    </section>
  );
}
