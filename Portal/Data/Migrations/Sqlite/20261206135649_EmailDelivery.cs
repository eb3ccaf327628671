using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAtUtc",
                table: "EmailMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastResult",
                table: "EmailMessages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "EmailMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SentAtUtc",
                table: "EmailMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_Status_NextAttemptAtUtc",
                table: "EmailMessages",
                columns: new[] { "Status", "NextAttemptAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_Status_NextAttemptAtUtc",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "ClaimedAtUtc",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "LastResult",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "SentAtUtc",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "EmailMessages");
        }
    }
}
